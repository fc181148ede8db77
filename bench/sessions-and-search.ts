/**
 * Sessions, search and one long run on a large store: the sessions list under each filter
 * and sort (and deep in the list by cursor), full-text search over prompts and responses,
 * and the detail of a 10,000-call session, over HTTP: first request and p50 / p95 / max.
 *
 *   npx tsx --conditions=@observatory/source bench/sessions-and-search.ts --db URL [--rounds 30]
 *
 * Fill the store first (`observatory demo --db URL --calls 1000000 --days 30`). The first
 * run adds one 10,000-call agent run (project `bench-long-run`, metadata userId=bench-user)
 * whose prompts grow step by step, as an agent loop's do. On SQLite the text index is
 * caught up before timing, and the time that took is reported. `tenantId` and `userId` are
 * named for rollups if they are not yet (the demo names them; a store filled by an older
 * version is backfilled here, and the time that took is reported).
 */
import { Observatory } from '@observatory/core';
import { startServer } from '@observatory/dashboard';
import { quantile } from './bench-utils.js';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const databaseUrl = flags.text('db');
if (!databaseUrl) throw new Error('--db is required: a store filled with `observatory demo --calls 1000000`');
const rounds = flags.int('rounds', 1, 10_000, 30);
const LONG_RUN_CALLS = 10_000;
const AGENTS = ['planner', 'researcher', 'coder', 'tester', 'reviewer'];

/** The bench's 10,000-call session, recorded on first use. */
async function longRunId(): Promise<string> {
  const obs = new Observatory({ databaseUrl, projectName: 'bench-long-run', flushOnExit: false, batchSize: 2000 });
  try {
    const [existing] = await obs.storage.getSessions({ projectName: 'bench-long-run', limit: 1 });
    if (existing) return existing.id;
    process.stderr.write(`Recording a ${LONG_RUN_CALLS.toLocaleString('en-US')}-call session…\n`);
    const session = obs.startSession('long_agent_run', { userId: 'bench-user' });
    // Three days back, clear of the live windows (the last hour) the other benches time.
    const start = Date.now() - 3 * 86_400_000;
    let history = 'system: You are a coding agent working through a migration backlog.';
    let parentId: string | undefined;
    for (let i = 0; i < LONG_RUN_CALLS; i++) {
      const agentName = AGENTS[i % AGENTS.length];
      history += ` step ${i}: ${agentName} handled ticket ${i * 7919} about invoice export ${i % 97}.`;
      // Keep the prompt bounded as a real context window would (the oldest steps drop off).
      if (history.length > 12_000) history = `system: You are a coding agent.${history.slice(-11_000)}`;
      const call = obs.recordCall({
        sessionId: session.id,
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        agentName,
        promptTokens: Math.round(history.length / 4),
        completionTokens: 120,
        latencyMs: 400 + (i % 900),
        timestamp: start + i * 2000,
        prompt: history,
        responseText: `Done with ticket ${i * 7919}.`,
        parentId,
      });
      parentId = i % AGENTS.length === 0 ? call?.id : parentId;
      if (i % 2000 === 1999) await obs.flush();
    }
    await obs.endSession(session, { success: true });
    await obs.flush();
    await obs.storage.alignSessionTimes('bench-long-run');
    return session.id;
  } finally {
    await obs.close();
  }
}

const sessionId = await longRunId();
const server = await startServer({ databaseUrl, port: 0, webRoot: null, token: null });

async function get(path: string): Promise<{ ms: number; body: { nextCursor?: string | null } }> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`);
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${path} → ${response.status}: ${text.slice(0, 200)}`);
  return { ms, body: JSON.parse(text) };
}

try {
  const indexStart = performance.now();
  let indexed = 0;
  for (;;) {
    const added = await server.observatory.storage.indexCallText(20_000);
    indexed += added;
    if (added < 20_000) break;
  }
  const indexMs = performance.now() - indexStart;

  const namedBefore = await server.observatory.storage.getMetadataRollupKeys();
  const nameStart = performance.now();
  let backfilled = 0;
  for (const key of ['tenantId', 'userId']) backfilled += await server.observatory.storage.nameMetadataKey(key);
  const nameMs = performance.now() - nameStart;

  // 40 pages into the newest-first list, by cursor.
  let cursor: string | null | undefined;
  for (let page = 0; page < 40; page++) {
    cursor = (await get(`/api/sessions?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).body.nextCursor;
  }
  const middle = (await get(`/api/sessions/${sessionId}?limit=100`)).body.nextCursor;

  const groups: Array<[string, number, string[]]> = [
    [
      'sessions list',
      100,
      [
        '/api/sessions?range=30d&limit=50',
        '/api/sessions?range=30d&limit=50&status=failed',
        '/api/sessions?range=30d&limit=50&status=open',
        '/api/sessions?range=30d&limit=50&operation=code_review',
        '/api/sessions?range=30d&limit=50&agent=SQLAgent',
        '/api/sessions?range=30d&limit=50&model=gpt-4o',
        '/api/sessions?range=30d&limit=50&minCost=0.01',
        '/api/sessions?range=30d&limit=50&minDuration=30000',
        '/api/sessions?range=30d&limit=50&meta=userId%3Dbench-user',
        '/api/sessions?range=30d&limit=50&sort=cost',
        '/api/sessions?range=30d&limit=50&sort=duration',
        '/api/sessions?range=30d&limit=50&sort=calls',
        '/api/sessions?range=30d&limit=50&project=crew-sql-agent&status=failed&sort=cost',
        '/api/sessions?range=30d&limit=50&project=crew-career-copilot&status=failed&sort=cost&order=asc',
        '/api/sessions?range=30d&limit=50&project=crew-sql-agent&sort=cost',
        '/api/sessions?range=30d&limit=50&status=failed&sort=duration',
        '/api/sessions?range=30d&limit=50&status=cancelled&sort=calls',
        '/api/sessions?range=30d&limit=50&minCost=0.01&sort=cost',
        '/api/sessions?range=30d&limit=50&maxCost=0.0001&sort=calls',
        '/api/sessions?range=30d&limit=50&project=crew-code-review&minDuration=30000&sort=cost',
        '/api/sessions?range=30d&limit=50&operation=code_review&sort=duration',
        '/api/sessions?range=30d&limit=50&operation=no_such_operation',
        '/api/sessions?range=30d&limit=50&project=crew-sql-agent&operation=code_review',
        '/api/sessions?range=30d&limit=50&agent=SQLAgent&sort=duration',
        '/api/sessions?range=30d&limit=50&project=crew-code-review&agent=SQLAgent',
        '/api/sessions?range=30d&limit=50&agent=no-such-agent',
        '/api/sessions?range=30d&limit=50&meta=tenantId%3Dacme&sort=cost',
        '/api/sessions?range=30d&limit=50&meta=tenantId%3Dtailspin&status=failed&sort=duration',
        `/api/sessions?limit=50&cursor=${cursor}`,
      ],
    ],
    [
      'full-text search',
      300,
      [
        '/api/calls?range=30d&limit=50&q=refund',
        '/api/calls?range=30d&limit=50&q=orders%20quarter',
        '/api/calls?range=30d&limit=50&q=invoice%20export',
        '/api/calls?range=30d&limit=50&q=zebra',
        '/api/sessions?range=30d&limit=50&q=refund',
      ],
    ],
    [
      'breakdown by a named metadata key',
      100,
      [
        '/api/breakdown?range=30d&by=metadata.tenantId',
        '/api/breakdown?range=30d&by=metadata.userId',
        '/api/breakdown?range=7d&project=crew-sql-agent&by=metadata.userId',
        '/api/breakdown?range=24h&by=metadata.tenantId',
      ],
    ],
    [
      'breakdown by a key not rolled up (the newest 100,000 calls; no target)',
      Number.POSITIVE_INFINITY,
      ['/api/breakdown?range=30d&by=metadata.plan'],
    ],
    [
      '10,000-call session',
      500,
      [`/api/sessions/${sessionId}?limit=100`, `/api/sessions/${sessionId}?limit=100&cursor=${middle}`],
    ],
  ];

  const stats = await server.observatory.storage.getStoreStats();
  const lines = [
    `Store: ${databaseUrl} — ${stats.calls.toLocaleString('en-US')} calls, ${stats.sessions.toLocaleString('en-US')} sessions`,
    `Text index caught up before timing: ${indexed.toLocaleString('en-US')} calls in ${(indexMs / 1000).toFixed(1)} s (SQLite; PostgreSQL indexes on insert)`,
    namedBefore.length >= 2
      ? `Metadata keys already rolled up: ${namedBefore.join(', ')}`
      : `Named tenantId and userId for rollups before timing: ${backfilled.toLocaleString('en-US')} stored values added in ${(nameMs / 1000).toFixed(1)} s`,
    `Rounds: ${rounds} per request over HTTP (after one first request each)`,
    '',
    '| group | request | first (ms) | p50 (ms) | p95 (ms) | max (ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  const worst: string[] = [];
  for (const [group, target, paths] of groups) {
    let groupP95 = 0;
    for (const path of paths) {
      const first = (await get(path)).ms;
      const samples: number[] = [];
      for (let round = 0; round < rounds; round++) samples.push((await get(path)).ms);
      samples.sort((a, b) => a - b);
      const p95 = quantile(samples, 0.95);
      groupP95 = Math.max(groupP95, p95);
      const shown = path.replace(/cursor=[^&]+/, 'cursor=…').replace(sessionId, ':id');
      lines.push(
        `| ${group} | \`${shown}\` | ${first.toFixed(1)} | ${quantile(samples, 0.5).toFixed(1)} | ${p95.toFixed(1)} | ${samples.at(-1)?.toFixed(1)} |`,
      );
    }
    worst.push(
      Number.isFinite(target)
        ? `${group}: worst p95 ${groupP95.toFixed(1)} ms (target ≤ ${target} ms)${groupP95 <= target ? '' : ' — MISSED'}`
        : `${group}: worst p95 ${groupP95.toFixed(1)} ms`,
    );
  }
  lines.push('', ...worst);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await server.close();
}
