// The sessions list's indexes (migrations 0010 and 0014): the migrations build them from these
// definitions and the list's queries order and filter by the same SQL, so each query keeps
// to what its index holds.
import type { StoreDialect } from './store-dialect.js';

export type SessionSort = 'start' | 'cost' | 'duration' | 'calls';
export const SESSION_SORTS: readonly SessionSort[] = ['start', 'cost', 'duration', 'calls'];

/**
 * The SQL of a session's duration in milliseconds (SQLite keeps dates as epoch ms), with
 * bare column names: migration 0010 indexes this very expression, so sorts must repeat it.
 */
export function sessionDurationSql(dialect: StoreDialect): string {
  return dialect === 'postgresql'
    ? 'extract(epoch from (coalesce(end_time, start_time) - start_time)) * 1000'
    : '(coalesce(end_time, start_time) - start_time)';
}

/** The SQL a sort orders by: the key of its index. */
export function sessionSortSql(sort: SessionSort, dialect: StoreDialect): string {
  if (sort === 'cost') return 'sessions.total_cost';
  if (sort === 'calls') return 'sessions.total_llm_calls';
  if (sort === 'duration') return sessionDurationSql(dialect);
  return 'sessions.start_time';
}

/**
 * The sessions' columns every filter but metadata and text tests, kept in each sort's
 * index after its key and id (migration 0014), so a page walks one index in list order and
 * reads a session's row only when it matches.
 */
export const SESSION_FILTER_COLUMNS = [
  'project_name',
  'operation_type',
  'success',
  'start_time',
  'end_time',
  'total_cost',
  'total_llm_calls',
] as const;

/** Each sort's covering index (migration 0014). */
export const SESSION_SORT_INDEXES: Record<SessionSort, string> = {
  start: 'sessions_by_start_idx',
  cost: 'sessions_by_cost_idx',
  calls: 'sessions_by_calls_idx',
  duration: 'sessions_by_duration_idx',
};

/** The sessions by operation and project (migration 0014). */
export const SESSION_OPERATION_INDEX = 'sessions_operation_idx';
