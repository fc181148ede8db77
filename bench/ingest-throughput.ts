// Sustained ingest, recordCall → durable, on SQLite and PostgreSQL, as a ratio to the raw
// driver's multi-row INSERT of the same rows into the same schema, in the same run (the
// calls' rows: they have no texts, so neither side writes `llm_call_texts`).
// Ours includes everything a batch does: session totals and the hourly rollups. Both sides
// reuse their statements (libSQL's prepared statements, PostgreSQL's named ones).
// One ratio alone swings by ±15% on a shared 2-core machine, so each database runs
// `--rounds` pairs, alternating which side goes first, and the median ratio is the figure.
// Run: npx tsx --conditions=@observatory/source bench/ingest-throughput.ts [calls] [rows per transaction]
//   [--rounds 3] [--writer-thread] (ours with `writerThread: true`; SQLite only)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type LLMCall, Observatory } from '@observatory/core';
import { createTestDatabase, isPostgresAvailable, storedId } from '@observatory/core/test';
import Database from 'libsql';
import pg from 'pg';
import { benchCall, formatNumber, quantile, tempDir } from './bench-utils.js';

const { values: flags, positionals } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, 'writer-thread': { type: 'boolean', default: false } },
  allowPositionals: true,
});
const total = Number(positionals[0] ?? 100_000);
const ROWS_PER_INSERT = 500;
/** Rows per transaction on both sides: Observatory's batchSize and the raw loop's. */
const ROWS_PER_TRANSACTION = Number(positionals[1] ?? 1000);
const rounds = Number(flags.rounds);
const writerThread = flags['writer-thread'];

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
    writerThread,
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
  // Each statement prepared once, per number of rows, as ours reuses its statements.
  const statements = new Map<number, ReturnType<typeof db.prepare>>();
  const insertOf = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare(
        `insert into llm_calls (${COLUMNS.join(',')}) values ${Array(rows).fill(placeholders).join(',')}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  const start = performance.now();
  for (let t = 0; t < calls.length; t += ROWS_PER_TRANSACTION) {
    db.exec('begin immediate');
    const txCalls = calls.slice(t, t + ROWS_PER_TRANSACTION);
    for (let i = 0; i < txCalls.length; i += ROWS_PER_INSERT) {
      const rows = txCalls.slice(i, i + ROWS_PER_INSERT);
      insertOf(rows.length).run(rows.flatMap((c) => rowValues(c, 'sqlite', (d) => d.getTime())));
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
      // A named statement, parsed once per number of rows, as ours prepares its statements.
      await client.query({
        name: `raw_insert_${rows.length}`,
        text: `insert into llm_calls (${COLUMNS.join(',')}) values ${values}`,
        values: rows.flatMap((c) => rowValues(c, 'postgresql', (d) => d)),
      });
    }
    await client.query('commit');
  }
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return calls.length / seconds;
}

const sqliteDir = tempDir('ingest');
let sqliteFiles = 0;

/** A new, empty database of `kind` for one side's run. */
async function newTarget(
  kind: 'sqlite' | 'postgres',
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'postgres') return createTestDatabase('postgres');
  const url = join(sqliteDir, `${name}-${++sqliteFiles}.db`);
  const drop = async () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
  };
  return { url, drop };
}

/** Run `measure` against a new, empty database of `kind`, dropped afterwards. */
async function inNewDatabase<T>(kind: 'sqlite' | 'postgres', name: string, measure: (url: string) => Promise<T>) {
  const target = await newTarget(kind, name);
  try {
    return await measure(target.url);
  } finally {
    await target.drop();
  }
}

/**
 * `rounds` pairs of runs, ours first in even rounds and the raw driver first in odd ones
 * (it inserts the calls of ours' previous run), each into a new database.
 */
async function compare(kind: 'sqlite' | 'postgres'): Promise<void> {
  const ours = () => inNewDatabase(kind, 'ours', measureOurs);
  const raw = ({ calls, sessionId }: Awaited<ReturnType<typeof measureOurs>>) =>
    inNewDatabase(kind, 'raw', async (url) => {
      await prepareRawTarget(url, sessionId);
      return kind === 'sqlite' ? measureRawSqlite(url, calls) : measureRawPostgres(url, calls);
    });
  const ratios: number[] = [];
  let last: Awaited<ReturnType<typeof measureOurs>> | undefined;
  for (let round = 0; round < rounds; round++) {
    let rawRate: number;
    if (round % 2 === 0 || last === undefined) {
      last = await ours();
      rawRate = await raw(last);
    } else {
      rawRate = await raw(last);
      last = await ours();
    }
    const oursRate = last.rate;
    ratios.push(oursRate / rawRate);
    console.log(
      `${kind.padEnd(8)} round ${round + 1} (${round % 2 === 0 ? 'ours first' : 'raw first'}): ours ${formatNumber(oursRate, 0)} calls/s, raw driver ${formatNumber(rawRate, 0)} rows/s, ratio ${formatNumber(oursRate / rawRate)}`,
    );
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(
    `${kind.padEnd(8)} median ratio of ${rounds}: ${formatNumber(quantile(sorted, 0.5))} (min ${formatNumber(sorted[0])}, max ${formatNumber(sorted[sorted.length - 1])}; target ≥ 0.9, issue 13)`,
  );
}

console.log(
  `Sustained ingest of ${formatNumber(total, 0)} calls (batches of ${ROWS_PER_TRANSACTION}, raw inserts of ${ROWS_PER_INSERT} rows)${writerThread ? ', ours with writerThread: true' : ''}, ${rounds} rounds:`,
);
await compare('sqlite');
if (writerThread) console.log('postgres: skipped (writerThread is for the embedded SQLite store)');
else if (await isPostgresAvailable()) await compare('postgres');
else console.log('postgres: not reachable, skipped');
