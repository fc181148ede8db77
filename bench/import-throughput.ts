/**
 * `observatory import` throughput: write an export of N synthetic calls (10 per session,
 * over 30 days) to a file, then import it into a fresh store and time it.
 *   npx tsx --conditions=@observatory/source bench/import-throughput.ts [--calls 1000000] [--format json|csv] [--db URL]
 * Without --db the target is a new SQLite file. Target: ≥ 20,000 calls/s into SQLite.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { LLMCall, Session } from '@observatory/core';
import { Observatory } from '@observatory/core';
import {
  exportRecords,
  formatExportAsCsv,
  formatExportAsNdjson,
  importRecords,
  readCsvRecords,
  readNdjsonRecords,
} from '@observatory/dashboard';
import { tempDir } from './bench-utils.js';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const callCount = flags.int('calls', 10, 50_000_000, 1_000_000);
const format = flags.text('format') ?? 'json';
if (format !== 'json' && format !== 'csv') throw new Error(`--format must be json or csv, got ${format}`);
const dir = tempDir('import');
const databaseUrl = flags.text('db') ?? join(dir, 'target.db');

const CALLS_PER_SESSION = 10;
const START = Date.UTC(2026, 9, 1);
const SPAN_MS = 30 * 86_400_000;
const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-3-5-haiku-latest'],
] as const;
const AGENTS = ['Planner', 'Researcher', 'Writer', 'Reviewer', 'Router'];

function sessionId(s: number): string {
  return `bench-session-${String(s).padStart(8, '0')}`;
}

function syntheticCall(i: number): LLMCall {
  const [provider, modelName] = MODELS[i % MODELS.length];
  const timestamp = new Date(START + Math.floor((i / callCount) * SPAN_MS));
  const promptTokens = 400 + ((i * 7919) % 6000);
  const completionTokens = 50 + ((i * 104729) % 900);
  return {
    id: `bench-call-${String(i).padStart(9, '0')}`,
    sessionId: sessionId(Math.floor(i / CALLS_PER_SESSION)),
    projectName: 'import-bench',
    timestamp,
    provider,
    modelName,
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    cachedPromptTokens: i % 3 === 0 ? Math.floor(promptTokens / 2) : 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    latencyMs: 200 + ((i * 31) % 4000),
    ttftMs: i % 2 === 0 ? 120 + (i % 300) : null,
    totalCost: (promptTokens * 2.5 + completionTokens * 10) / 1e6,
    costSource: 'price_table',
    usageSource: 'reported',
    agentName: AGENTS[i % AGENTS.length],
    operationName: 'answer',
    prompt: `Summarise ticket #${i}: the customer cannot log in after resetting their password, "again".`,
    responseText: 'Ask them to clear cookies, then retry the reset link.',
    routingDecision: null,
    cacheMetadata: i % 4 === 0 ? { cacheHit: i % 8 === 0, cacheKey: `k${i % 97}` } : null,
    qualityEvaluation:
      i % 5 === 0 ? { judgeScore: 7 + (i % 3), hallucinationFlag: false, factualError: false, suggestions: [] } : null,
    error: i % 50 === 0 ? 'RateLimitError: 429' : null,
    finishReason: 'stop',
    parentId: null,
    metadata: null,
    createdAt: timestamp,
  };
}

async function* calls(): AsyncGenerator<LLMCall> {
  for (let i = 0; i < callCount; i++) yield syntheticCall(i);
}

async function* sessions(): AsyncGenerator<Session> {
  for (let s = 0; s * CALLS_PER_SESSION < callCount; s++) {
    const first = syntheticCall(s * CALLS_PER_SESSION);
    yield {
      id: sessionId(s),
      projectName: 'import-bench',
      operationType: 'support_ticket',
      startTime: first.timestamp,
      endTime: new Date(first.timestamp.getTime() + 60_000),
      totalCost: 0,
      totalTokens: 0,
      totalLlmCalls: 0,
      totalLatencyMs: 0,
      success: s % 20 !== 0,
      error: s % 20 === 0 ? 'gave up' : null,
      metadata: { ticket: s },
      createdAt: first.timestamp,
    };
  }
}

const file = join(dir, `export.${format === 'csv' ? 'csv' : 'ndjson'}`);
const out = createWriteStream(file);
const formatted = (format === 'csv' ? formatExportAsCsv : formatExportAsNdjson)(exportRecords(calls(), sessions()));
for await (const chunk of formatted) {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
out.end();
await finished(out);
const bytes = statSync(file).size;
console.log(`export file: ${callCount.toLocaleString('en-US')} calls, ${(bytes / 1e6).toFixed(0)} MB ${format}`);

const obs = new Observatory({ databaseUrl, flushOnExit: false });
await obs.storage.getStoreStats(); // open and migrate before the clock starts
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);
const started = performance.now();
const input = createReadStream(file);
const summary = await importRecords(obs.storage, format === 'csv' ? readCsvRecords(input) : readNdjsonRecords(input), {
  onProblem: (problem) => console.error(problem),
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const stored = await obs.storage.countLlmCalls();
await obs.close();

console.log(
  JSON.stringify({
    database: databaseUrl.startsWith('postgres') ? 'postgresql' : 'sqlite',
    format,
    calls: summary.calls,
    sessions: summary.sessions,
    badRecords: summary.badRecords,
    stored,
    seconds: Number(seconds.toFixed(1)),
    callsPerSecond: Math.round(summary.calls / seconds),
    recordsPerSecond: Math.round((summary.calls + summary.sessions) / seconds),
    peakRssMB: Math.round(peakRss / 1e6),
  }),
);
