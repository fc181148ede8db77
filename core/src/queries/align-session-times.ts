import type { Knex } from '@mikro-orm/knex';
import type { StoreDialect } from '../store/store-dialect.js';

/**
 * Move each session's start to its first call's start and, if it ended, its end to the end
 * of its last call (timestamp + latency), for sessions whose calls carry earlier timestamps than the session row: history
 * recorded after the fact (an import, `observatory demo`); and the end of any ended session
 * to its last call's end when that is later. Returns the number of sessions moved.
 *
 * One pass over the calls grouped by session, joined to the sessions (UPDATE … FROM, on
 * SQLite ≥ 3.33 and PostgreSQL alike), not a subquery per session: on a fresh PostgreSQL
 * table without statistics, per-row subqueries were planned as scans (minutes for 200k sessions).
 */
export async function alignSessionTimes(knex: Knex, dialect: StoreDialect, projectName?: string): Promise<number> {
  const calls = knex('llm_calls')
    .select(
      'session_id',
      knex.raw('min(timestamp) as first_call'),
      // SQLite keeps dates as epoch milliseconds.
      knex.raw(
        dialect === 'postgresql'
          ? "max(timestamp + latency_ms * interval '1 millisecond') as last_call"
          : 'max(timestamp + latency_ms) as last_call',
      ),
    )
    .groupBy('session_id');
  if (projectName !== undefined) calls.where('project_name', projectName);
  const { sql, bindings } = calls.toSQL();
  // A session that starts at its first call may still end before its last call ends (its
  // end recorded as the call was sent): it ends with the call.
  const result = await knex.raw(
    `update sessions set start_time = case when sessions.start_time > c.first_call then c.first_call else sessions.start_time end, end_time = case when sessions.end_time is null then null when sessions.start_time > c.first_call or sessions.end_time < c.last_call then c.last_call else sessions.end_time end from (${sql}) as c where sessions.id = c.session_id and (sessions.start_time > c.first_call or sessions.end_time < c.last_call)`,
    bindings,
  );
  return affectedRows(result);
}

/** knex.raw's answer: a row count on PostgreSQL (`rowCount`), SQLite's `changes` on libsql/sqlite3. */
function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number; changes?: number } | number[] | undefined;
  if (Array.isArray(r)) return 0;
  return Number(r?.rowCount ?? r?.changes ?? 0);
}
