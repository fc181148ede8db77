/**
 * Dashboard API latency on a large SQLite store: every endpoint the pages call, over HTTP,
 * first request (cold caches) and p50 / p95 / max over repeated rounds.
 *
 *   npx tsx --conditions=@observatory/source bench/dashboard-api.ts [--db PATH] [--calls 1000000] [--days 30] [--rounds 40] [--live-rate 5] [--hour-calls N]
 *
 * Without --db (or when the file has fewer calls than --calls) the store is filled first
 * with `observatory demo` history: --calls calls spread over --days days. Before timing,
 * the last hour is topped up with demo traffic at the store's average rate (or --hour-calls
 * calls, for a busy hour that Live's 1 h window must read), and while
 * timing a second writer records --live-rate calls per second, so live windows have data
 * and caches see writes, as on a running system.
 */
import { existsSync } from 'node:fs';
import { Observatory } from '@observatory/core';
import { startServer } from '@observatory/dashboard';
import { fillDemoHistory } from '@observatory/examples/demo';
import { reportProgress } from './bench-utils.js';
import { DASHBOARD_ENDPOINTS as ENDPOINTS, requestEndpoint } from './dashboard-endpoints.js';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const calls = flags.int('calls', 1, 50_000_000, 1_000_000);
const days = flags.int('days', 1, 365, 30);
const rounds = flags.int('rounds', 1, 10_000, 40);
const databaseUrl = flags.text('db') ?? '/tmp/observatory-bench-dashboard.db';
const liveRate = flags.int('live-rate', 0, 1000, 5);
// The last hour at the store's average rate (1M calls / 30 days ≈ 1,400 an hour) unless asked.
const hourCalls = flags.int('hour-calls', 100, 1_000_000, Math.max(100, Math.round(calls / (days * 24))));

async function countCalls(): Promise<number> {
  // A SQLite file that is not there yet holds nothing; a PostgreSQL URL is asked.
  if (!/^postgres(ql)?:\/\//.test(databaseUrl) && !existsSync(databaseUrl)) return 0;
  const obs = new Observatory({ databaseUrl, flushOnExit: false });
  try {
    return (await obs.storage.getStoreStats()).calls;
  } finally {
    await obs.close();
  }
}

const existing = await countCalls();
if (existing < calls) {
  if (existing > 0)
    throw new Error(`${databaseUrl} holds ${existing} calls, fewer than --calls ${calls}; pick another --db`);
  process.stderr.write(`Seeding ${calls.toLocaleString('en-US')} calls over ${days} days into ${databaseUrl}…\n`);
  await fillDemoHistory({ databaseUrl, calls, days, onProgress: reportProgress('calls') });
}

await fillDemoHistory({
  databaseUrl,
  calls: hourCalls,
  days: 1 / 24,
  seed: Date.now() % 100_000,
});

const server = await startServer({ databaseUrl, port: 0, webRoot: null, token: null });
const writer = new Observatory({
  databaseUrl,
  projectName: 'crew-career-copilot',
  flushIntervalMs: 200,
  flushOnExit: false,
});
const models = ['gpt-4o', 'gpt-4o-mini', 'claude-haiku-4-5'];
const agents = ['Triage', 'Responder', 'Retriever'];
let written = 0;
const liveTimer =
  liveRate > 0
    ? setInterval(() => {
        for (let i = 0; i < liveRate / 5; i++) {
          const model = models[written % models.length];
          writer.recordCall({
            provider: model.startsWith('claude') ? 'anthropic' : 'openai',
            modelName: model,
            agentName: agents[written % agents.length],
            operationName: 'answer',
            promptTokens: 800 + (written % 400),
            completionTokens: 120,
            latencyMs: 600 + (written % 900),
            prompt: `Live bench call ${written}: how do I rotate my API key?`,
            qualityEvaluation:
              written % 4 === 0
                ? { judgeScore: 6 + (written % 4), hallucinationFlag: false, factualError: false, suggestions: [] }
                : undefined,
          });
          written++;
        }
      }, 200)
    : null;
const [newest] = await server.observatory.storage.getLlmCalls({ limit: 1 });

const request = (endpoint: string) => requestEndpoint(server.url, endpoint, newest?.id);

try {
  // Let the server's start-up warm-up (rollup cache fill, tokenizer) finish before timing the first requests.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const cold = new Map<string, number>();
  for (const endpoint of ENDPOINTS) cold.set(endpoint, await request(endpoint));
  const samples = new Map<string, number[]>(ENDPOINTS.map((e) => [e, []]));
  for (let round = 0; round < rounds; round++) {
    for (const endpoint of ENDPOINTS) samples.get(endpoint)?.push(await request(endpoint));
  }
  const stats = await server.observatory.storage.getStoreStats();
  const lastHour = (await server.observatory.storage.getOverview({ from: new Date(Date.now() - 3_600_000) }))
    .totalCalls;
  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  };
  const lines = [
    `Store: ${databaseUrl} — ${stats.calls.toLocaleString('en-US')} calls, ${stats.sessions.toLocaleString('en-US')} sessions, ${stats.rollupRows.toLocaleString('en-US')} rollup rows`,
    `Rounds: ${rounds} per endpoint over HTTP (after one first request each); ~${lastHour.toLocaleString('en-US')} calls in the last two clock hours (rollups are hourly)`,
    '',
    '| endpoint | first (ms) | p50 (ms) | p95 (ms) | max (ms) |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  let worstP95 = 0;
  for (const endpoint of ENDPOINTS) {
    const values = samples.get(endpoint) ?? [];
    const p95 = quantile(values, 0.95);
    worstP95 = Math.max(worstP95, p95);
    lines.push(
      `| \`${endpoint}\` | ${cold.get(endpoint)?.toFixed(1)} | ${quantile(values, 0.5).toFixed(1)} | ${p95.toFixed(1)} | ${Math.max(...values).toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    `Live writer: ${written} calls recorded while timing (${liveRate}/s)`,
    `Worst p95: ${worstP95.toFixed(1)} ms (target ≤ 100 ms)`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = worstP95 <= 100 ? 0 : 1;
} finally {
  if (liveTimer) clearInterval(liveTimer);
  await writer.close();
  await server.close();
}
