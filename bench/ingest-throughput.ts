// Sustained ingest, recordCall → durable, on SQLite and PostgreSQL, as a ratio to the raw
// driver's multi-row INSERT of the same rows into the same schema, in the same run (the
// calls' rows: they have no texts, so neither side writes `llm_call_texts`).
// Ours includes everything a batch does: session totals and the hourly rollups.
// Run: npx tsx --conditions=@observatory/source bench/ingest-throughput.ts [calls]
import { join } from 'node:path';
import { type LLMCall, Observatory } from '@observatory/core';
import { createTestDatabase, isPostgresAvailable, storedId } from '@observatory/core/test';
import Database from 'libsql';
import pg from 'pg';
import { benchCall, formatNumber, tempDir } from './bench-utils.js';

const total = Number(process.argv[2] ?? 100_000);
const ROWS_PER_INSERT = 500;
/** Rows per transaction on both sides: Observatory's batchSize and the raw loop's. */
const ROWS_PER_TRANSACTION = Number(process.argv[3] ?? 1000);

const COLUMNS = [
  'id',
  'session_id',
  'project_name',
  'timestamp',
  'model_provider',
  'model_name',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'cached_prompt_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'latency_ms',
  'ttft_ms',
  'total_cost',
  'cost_source',
  'usage_source',
  'agent_name',
  'operation_name',
  'routing_decision',
  'cache_metadata',
  'quality_evaluation',
  'error',
  'finish_reason',
  'parent_id',
  'metadata',
  'created_at',
];

/** A call's row as the store keeps it in `dialect` (dates by `dateOf`, ids as stored-id.ts keeps them). */
function rowValues(call: LLMCall, dialect: 'sqlite' | 'postgresql', dateOf: (d: Date) => unknown): unknown[] {
  return [
    storedId(dialect, call.id),
    storedId(dialect, call.sessionId),
    call.projectName,
    dateOf(call.timestamp),
    call.provider,
    call.modelName,
    call.promptTokens,
    call.completionTokens,
    call.totalTokens,
    call.cachedPromptTokens,
    call.cacheWriteTokens,
    call.reasoningTokens,
    call.latencyMs,
    call.ttftMs,
    call.totalCost,
    call.costSource,
    call.usageSource,
    call.agentName,
    call.operationName,
    null,
    null,
    null,
    call.error,
    call.finishReason,
    call.parentId === null ? null : storedId(dialect, call.parentId),
    null,
    dateOf(call.createdAt),
  ];
}

/** Our path: recordCall every call, then wait until all are durable. Returns calls/s and the calls. */
async function measureOurs(databaseUrl: string): Promise<{ rate: number; calls: LLMCall[]; sessionId: string }> {
  const obs = new Observatory({
    databaseUrl,
    projectName: 'bench',
    capturePrompts: false,
    flushOnExit: false,
    maxQueueSize: total + 10,
    batchSize: ROWS_PER_TRANSACTION,
  });
  // Open and migrate before timing.
  await obs.storage.getOverview();
  const session = obs.startSession('bench');
  await obs.flush();
  const calls: LLMCall[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const call = obs.recordCall(benchCall(i, session.id));
    if (call) calls.push(call);
  }
  // Longer than flush's default 15 s: 100k calls into PostgreSQL take about that here.
  await obs.flush({ timeoutMs: 600_000 });
  const seconds = (performance.now() - start) / 1000;
  if (obs.stats().written !== total) throw new Error(`only ${obs.stats().written} of ${total} written`);
  await obs.close();
  return { rate: total / seconds, calls, sessionId: session.id };
}

/** Prepare an empty schema (migrated by Observatory) holding the one session the calls belong to. */
async function prepareRawTarget(databaseUrl: string, sessionId: string): Promise<void> {
  const obs = new Observatory({ databaseUrl, projectName: 'bench', flushOnExit: false });
  obs.recordCall({ sessionId, provider: 'openai', modelName: 'gpt-4o', promptTokens: 1, completionTokens: 1 });
  await obs.flush();
  const store = await obs.storage.store();
  await store.em.getKnex()('llm_calls').delete();
  await obs.close();
}

async function measureRawSqlite(path: string, calls: LLMCall[]): Promise<number> {
  // The raw driver behind the default store (libsql), with the store's pragmas.
  const db = new Database(path);
  db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
  const placeholders = `(${COLUMNS.map(() => '?').join(',')})`;
  const start = performance.now();
  for (let t = 0; t < calls.length; t += ROWS_PER_TRANSACTION) {
    db.exec('begin immediate');
    const txCalls = calls.slice(t, t + ROWS_PER_TRANSACTION);
    for (let i = 0; i < txCalls.length; i += ROWS_PER_INSERT) {
      const rows = txCalls.slice(i, i + ROWS_PER_INSERT);
      const sql = `insert into llm_calls (${COLUMNS.join(',')}) values ${rows.map(() => placeholders).join(',')}`;
      db.prepare(sql).run(rows.flatMap((c) => rowValues(c, 'sqlite', (d) => d.getTime())));
    }
    db.exec('commit');
    // Yield between transactions, as the store's writer does.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return calls.length / seconds;
}

async function measureRawPostgres(url: string, calls: LLMCall[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = performance.now();
  for (let t = 0; t < calls.length; t += ROWS_PER_TRANSACTION) {
    await client.query('begin');
    const txCalls = calls.slice(t, t + ROWS_PER_TRANSACTION);
    for (let i = 0; i < txCalls.length; i += ROWS_PER_INSERT) {
      const rows = txCalls.slice(i, i + ROWS_PER_INSERT);
      let n = 0;
      const values = rows.map(() => `(${COLUMNS.map(() => `$${++n}`).join(',')})`).join(',');
      await client.query(
        `insert into llm_calls (${COLUMNS.join(',')}) values ${values}`,
        rows.flatMap((c) => rowValues(c, 'postgresql', (d) => d)),
      );
    }
    await client.query('commit');
  }
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return calls.length / seconds;
}

async function compare(kind: 'sqlite' | 'postgres'): Promise<void> {
  const ours =
    kind === 'sqlite'
      ? { url: join(tempDir('ours'), 'ours.db'), drop: async () => {} }
      : await createTestDatabase('postgres');
  const raw =
    kind === 'sqlite'
      ? { url: join(tempDir('raw'), 'raw.db'), drop: async () => {} }
      : await createTestDatabase('postgres');
  try {
    const measured = await measureOurs(ours.url);
    await prepareRawTarget(raw.url, measured.sessionId);
    const rawRate =
      kind === 'sqlite'
        ? await measureRawSqlite(raw.url, measured.calls)
        : await measureRawPostgres(raw.url, measured.calls);
    console.log(
      `${kind.padEnd(8)} ours ${formatNumber(measured.rate, 0)} calls/s, raw driver ${formatNumber(rawRate, 0)} rows/s, ratio ${formatNumber(measured.rate / rawRate)} (target ≥ 0.9, issue 13)`,
    );
  } finally {
    await ours.drop();
    await raw.drop();
  }
}

console.log(
  `Sustained ingest of ${formatNumber(total, 0)} calls (batches of ${ROWS_PER_TRANSACTION}, inserts of ${ROWS_PER_INSERT} rows):`,
);
await compare('sqlite');
if (await isPostgresAvailable()) await compare('postgres');
else console.log('postgres: not reachable, skipped');
