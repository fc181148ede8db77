import type { LLMCall, Session } from '../models.js';
import { STUB_OPERATION } from '../stub-session.js';
import { buildRollupDeltas, toDailyDeltas } from './build-rollup-deltas.js';
import { chunk } from './insert-chunks.js';
import { CALLS_TABLE, insertCallTexts, insertRecords, SESSIONS_TABLE, updateRecord } from './insert-records.js';
import { applyMetadataRollups } from './metadata-rollups.js';
import { type CallRollup, LATENCY_BUCKET_COLUMNS, ROLLUP_KEY_FIELDS, ROLLUP_MEASURE_FIELDS } from './rollup-fields.js';
import type { SqlConnection, SqlDatabase } from './sql-connection.js';
import { storedId } from './stored-id.js';
import { upsertAdding } from './upsert-adding.js';

/** How a session ended. */
export interface SessionEnd {
  id: string;
  endTime: Date;
  /** null: ended as cancelled (neither success nor failure). */
  success: boolean | null;
  error: string | null;
}

/** Everything one transaction writes. */
export interface WriteBatch {
  sessions: Session[];
  /** Sessions referenced by calls but not started by this process: created if absent. */
  sessionStubs: Session[];
  calls: LLMCall[];
  ends: SessionEnd[];
  /** Some calls carry caller-chosen ids (see recordCall's `id`): skip ids already stored or repeated. */
  mayRepeatCalls?: boolean;
}

/**
 * Write one batch in one transaction: sessions, calls, session totals, session ends and
 * the hourly rollups, so the rollups and totals never disagree with the calls.
 */
export async function writeBatch(
  database: SqlDatabase,
  batch: WriteBatch,
  options: { replay?: boolean } = {},
): Promise<number> {
  return database.transaction(async (sql) => {
    // A replayed batch (from the disk spool) may have been committed once already, by a
    // process that died before it could delete the segment, and a caller-chosen id may be
    // sent twice (an OTLP exporter retrying): skip what is already stored.
    const calls = options.replay || batch.mayRepeatCalls ? await withoutStoredCalls(sql, batch.calls) : batch.calls;
    const stubs = options.replay ? [...batch.sessions, ...batch.sessionStubs] : batch.sessionStubs;
    if (!options.replay) await insertRecords(sql, SESSIONS_TABLE, batch.sessions);
    await insertRecords(sql, SESSIONS_TABLE, stubs, { existing: 'ignore' });
    await insertRecords(sql, CALLS_TABLE, calls);
    await insertCallTexts(sql, calls);
    for (const end of batch.ends) {
      await updateRecord(sql, SESSIONS_TABLE, end.id, {
        endTime: end.endTime,
        success: end.success,
        error: end.error,
      });
    }
    // After the ends: a call that ends after its session's recorded end moves that end.
    await addSessionTotals(sql, calls);
    await applyRollupDeltas(sql, buildRollupDeltas(calls));
    await applyMetadataRollups(sql, calls, 1);
    return calls.length;
  });
}

/** The calls whose ids are not stored yet, each id once. */
async function withoutStoredCalls(sql: SqlConnection, batchCalls: LLMCall[]): Promise<LLMCall[]> {
  const calls = [...new Map(batchCalls.map((c) => [c.id, c])).values()];
  const stored = new Set<string>();
  for (const rows of chunk(calls)) {
    const found = await sql.all<{ id: string }>(
      `select id from llm_calls where id in (${rows.map(() => '?').join(', ')})`,
      rows.map((c) => storedId(sql.dialect, c.id)),
    );
    for (const row of found) stored.add(row.id);
  }
  return stored.size === 0 ? calls : calls.filter((c) => !stored.has(c.id));
}

/** Add (sign 1) or take back (sign -1) the calls' cost, tokens, count and latency on their sessions. */
export async function addSessionTotals(sql: SqlConnection, calls: Iterable<SessionTotalSource>): Promise<void> {
  const totals = new Map<
    string,
    { cost: number; tokens: number; calls: number; latency: number; firstStart: number; lastEnd: number }
  >();
  for (const call of calls) {
    let total = totals.get(call.sessionId);
    if (!total) {
      total = { cost: 0, tokens: 0, calls: 0, latency: 0, firstStart: Number.POSITIVE_INFINITY, lastEnd: 0 };
      totals.set(call.sessionId, total);
    }
    total.firstStart = Math.min(total.firstStart, call.timestamp.getTime());
    total.cost += call.totalCost;
    total.tokens += call.totalTokens;
    total.calls += 1;
    total.latency += call.latencyMs;
    total.lastEnd = Math.max(total.lastEnd, call.timestamp.getTime() + call.latencyMs);
  }
  // SQLite keeps dates as epoch milliseconds; PostgreSQL needs a timestamp.
  const postgres = sql.dialect === 'postgresql';
  const time = postgres ? 'cast(? as timestamptz)' : 'cast(? as double precision)';
  const bindTime = (ms: number) => (postgres ? new Date(ms).toISOString() : ms);
  // One UPDATE … FROM (VALUES …) per chunk instead of one per session: a batch from a busy
  // server can touch hundreds of sessions. VALUES columns are column1…columnN on both
  // SQLite (≥ 3.33) and PostgreSQL; the casts give PostgreSQL the parameter types.
  for (const rows of chunk([...totals])) {
    const values = rows
      .map(
        () =>
          `(?, cast(? as double precision), cast(? as bigint), cast(? as bigint), cast(? as double precision), ${time}, ${time})`,
      )
      .join(', ');
    const bindings = rows.flatMap(([id, t]) => [
      storedId(sql.dialect, id),
      t.cost,
      t.tokens,
      t.calls,
      t.latency,
      bindTime(t.lastEnd),
      bindTime(t.firstStart),
    ]);
    // An ended session whose call ends later (its end recorded first, or the call sent
    // late) ends with that call: a session never ends before its last call does. A session
    // its calls opened (a stub, operation 'external') starts at its earliest call, whatever
    // order its calls arrive in; one started here keeps its start (alignSessionTimes moves
    // history recorded after the fact).
    await sql.run(
      `update sessions set total_cost = sessions.total_cost + v.column2, total_tokens = sessions.total_tokens + v.column3, total_llm_calls = sessions.total_llm_calls + v.column4, total_latency_ms = sessions.total_latency_ms + v.column5, end_time = case when sessions.end_time < v.column6 then v.column6 else sessions.end_time end, start_time = case when sessions.operation_type = '${STUB_OPERATION}' and v.column7 < sessions.start_time then v.column7 else sessions.start_time end from (values ${values}) as v where sessions.id = v.column1`,
      bindings,
    );
  }
}

export type SessionTotalSource = Pick<LLMCall, 'sessionId' | 'totalCost' | 'totalTokens' | 'latencyMs' | 'timestamp'>;

/** The call rollup tables of each period: hourly, and daily (for long ranges). */
export const ROLLUP_TABLES = { hour: 'llm_call_rollups', day: 'llm_call_rollups_daily' } as const;

/**
 * Upsert rollup rows into the hourly and the daily tables, adding each measure and
 * histogram bucket to what is stored. Same SQL on SQLite and PostgreSQL.
 */
export async function applyRollupDeltas(sql: SqlConnection, hourly: readonly CallRollup[]): Promise<void> {
  await upsertRollups(sql, ROLLUP_TABLES.hour, hourly);
  await upsertRollups(sql, ROLLUP_TABLES.day, toDailyDeltas(hourly));
}

function upsertRollups(sql: SqlConnection, table: string, rows: readonly CallRollup[]): Promise<void> {
  return upsertAdding(sql, table, ROLLUP_KEY_FIELDS, ROLLUP_MEASURE_FIELDS, rows, {
    columns: LATENCY_BUCKET_COLUMNS,
    values: (row) => row.latencyBuckets,
  });
}
