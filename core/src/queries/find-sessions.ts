import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { Session } from '../models.js';
import { ObservatoryValidationError } from '../observatory-error.js';
import { SessionEntity } from '../store/session.entity.js';
import { checkNumber, type MetadataMatch, whereMetadataMatches } from './call-filters.js';
import { matchText, type StoreDialect, type TextMatch, whereCallTextMatches } from './call-text-search.js';
import { clampLimit } from './filters.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import { toDate } from './read-row-values.js';

/** open: not ended yet; cancelled: ended by the consumer, neither succeeded nor failed. */
export type SessionStatus = 'success' | 'failed' | 'open' | 'cancelled';
export const SESSION_STATUSES: readonly SessionStatus[] = ['success', 'failed', 'open', 'cancelled'];

export type SessionSort = 'start' | 'cost' | 'duration' | 'calls';
export const SESSION_SORTS: readonly SessionSort[] = ['start', 'cost', 'duration', 'calls'];

/** Which sessions: every field narrows; all are optional. */
export interface SessionFilter {
  projectName?: string;
  operationType?: string;
  /** Inclusive, on the session's start. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** true: succeeded; false: failed; undefined: any (open sessions included). Kept for `status`. */
  success?: boolean;
  status?: SessionStatus;
  /** Sessions with at least one call by this agent / of this model. */
  agentName?: string;
  modelName?: string;
  /** Dollars, inclusive. */
  minCost?: number;
  maxCost?: number;
  /** From start to end (an open session: 0), milliseconds, inclusive. */
  minDurationMs?: number;
  maxDurationMs?: number;
  /** A top-level key of the session's metadata. */
  metadata?: MetadataMatch;
  /** Sessions with a call whose prompt or response holds every word. */
  text?: string;
}

export interface SessionQuery extends SessionFilter {
  /** Default 'start'. */
  sort?: SessionSort;
  /** Default 'desc'. */
  order?: 'asc' | 'desc';
  /** Default 100, at most 10,000. */
  limit?: number;
  /** Rows to skip; prefer `cursor`, which stays fast deep into a long list. */
  offset?: number;
  /** Continue after the page that returned this `nextCursor`. */
  cursor?: string;
}

export interface SessionPage {
  items: Session[];
  nextCursor: string | null;
}

/**
 * The SQL of a session's duration in milliseconds (SQLite keeps dates as epoch ms), with
 * bare column names: migration 0010 indexes this very expression, so sorts must repeat it.
 */
export function sessionDurationSql(dialect: StoreDialect): string {
  return dialect === 'postgresql'
    ? 'extract(epoch from (coalesce(end_time, start_time) - start_time)) * 1000'
    : '(coalesce(end_time, start_time) - start_time)';
}

function sortSql(sort: SessionSort, dialect: StoreDialect): string {
  if (sort === 'cost') return 'sessions.total_cost';
  if (sort === 'calls') return 'sessions.total_llm_calls';
  if (sort === 'duration') return sessionDurationSql(dialect);
  return 'sessions.start_time';
}

/** Narrow `builder` over `sessions` to the sessions matching `filter`. */
export function whereSessionsMatch(
  builder: Knex.QueryBuilder,
  dialect: StoreDialect,
  filter: SessionFilter,
  text: TextMatch | undefined,
): void {
  if (filter.projectName !== undefined) builder.where('sessions.project_name', filter.projectName);
  if (filter.operationType !== undefined) builder.where('sessions.operation_type', filter.operationType);
  if (filter.from) builder.where('sessions.start_time', '>=', filter.from);
  if (filter.to) builder.where('sessions.start_time', '<', filter.to);
  if (filter.success !== undefined) builder.where('sessions.success', filter.success);
  if (filter.status !== undefined) whereStatus(builder, filter.status);
  for (const [field, column] of [
    ['agentName', 'agent_name'],
    ['modelName', 'model_name'],
  ] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    builder.whereExists((calls) =>
      calls
        .select(builder.client.raw('1'))
        .from('llm_calls')
        .whereRaw('llm_calls.session_id = sessions.id')
        .where(`llm_calls.${column}`, value),
    );
  }
  if (filter.minCost !== undefined) builder.where('sessions.total_cost', '>=', checkNumber('minCost', filter.minCost));
  if (filter.maxCost !== undefined) builder.where('sessions.total_cost', '<=', checkNumber('maxCost', filter.maxCost));
  if (filter.minDurationMs !== undefined) {
    builder.whereRaw(`${sessionDurationSql(dialect)} >= ?`, [checkNumber('minDurationMs', filter.minDurationMs)]);
  }
  if (filter.maxDurationMs !== undefined) {
    builder.whereRaw(`${sessionDurationSql(dialect)} <= ?`, [checkNumber('maxDurationMs', filter.maxDurationMs)]);
  }
  if (filter.metadata) whereMetadataMatches(builder, dialect, 'sessions.metadata', filter.metadata);
  if (text) {
    if (dialect === 'postgresql' && !text.callIds) {
      // A common word: walk the sessions in order, testing each one's calls (by the session index).
      builder.whereExists((calls) => {
        calls.select(builder.client.raw('1')).from('llm_calls').whereRaw('llm_calls.session_id = sessions.id');
        whereCallTextMatches(calls, dialect, text);
      });
    } else {
      builder.whereIn('sessions.id', (calls) => {
        calls.select('llm_calls.session_id').from('llm_calls');
        whereCallTextMatches(calls, dialect, text);
      });
    }
  }
}

function whereStatus(builder: Knex.QueryBuilder, status: SessionStatus): void {
  if (!SESSION_STATUSES.includes(status)) {
    throw new ObservatoryValidationError('query', [
      { field: 'status', value: status, message: `must be one of ${SESSION_STATUSES.join(', ')}` },
    ]);
  }
  if (status === 'success') builder.where('sessions.success', true);
  else if (status === 'failed') builder.where('sessions.success', false);
  else if (status === 'open') builder.whereNull('sessions.end_time');
  else builder.whereNotNull('sessions.end_time').whereNull('sessions.success');
}

/** A session's sort value as a cursor number (dates as epoch ms). */
function sortValueOf(session: Session, sort: SessionSort): number {
  if (sort === 'cost') return session.totalCost;
  if (sort === 'calls') return session.totalLlmCalls;
  const start = toDate(session.startTime).getTime();
  if (sort === 'duration') return session.endTime ? toDate(session.endTime).getTime() - start : 0;
  return start;
}

/** The filters that narrow a list (the time range does not: it usually spans most sessions). */
const FILTER_KEYS = new Set<string>([
  'projectName',
  'operationType',
  'success',
  'status',
  'agentName',
  'modelName',
  'minCost',
  'maxCost',
  'minDurationMs',
  'maxDurationMs',
  'metadata',
  'text',
]);

/** Sessions matching the filters, sorted (newest first by default), a page at a time. */
export async function findSessions(
  em: EntityManager,
  dialect: StoreDialect,
  query: SessionQuery = {},
): Promise<SessionPage> {
  const sort = query.sort ?? 'start';
  if (!SESSION_SORTS.includes(sort)) {
    throw new ObservatoryValidationError('query', [
      { field: 'sort', value: sort, message: `must be one of ${SESSION_SORTS.join(', ')}` },
    ]);
  }
  const order = query.order ?? 'desc';
  const limit = clampLimit(query.limit, 100);
  const knex = em.getKnex();
  const select = knex('sessions').select('sessions.*');
  whereSessionsMatch(
    select,
    dialect,
    query,
    query.text === undefined ? undefined : await matchText(knex, dialect, query.text),
  );
  // Walking the cost (calls, duration) index finds the top sessions at once when nothing
  // else narrows the list, but a narrow filter's matches may all sit at its far end (the
  // cheapest project's failures: 300k rows walked, 1 s on PostgreSQL). With a filter, the
  // expression is made unindexable (+ 0), so the filter's index finds the rows and they are sorted.
  const narrowed =
    sort !== 'start' && Object.entries(query).some(([key, value]) => FILTER_KEYS.has(key) && value !== undefined);
  const sortBy = narrowed ? `(${sortSql(sort, dialect)} + 0)` : sortSql(sort, dialect);
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    const value = sort === 'start' ? new Date(after.value) : after.value;
    const beyond = order === 'desc' ? '<' : '>';
    select.where((next) =>
      next
        .whereRaw(`${sortBy} ${beyond} ?`, [value])
        .orWhere((tie) => tie.whereRaw(`${sortBy} = ?`, [value]).where('sessions.id', beyond, after.id)),
    );
  } else if (query.offset) {
    select.offset(query.offset);
  }
  select.orderByRaw(`${sortBy} ${order}, sessions.id ${order}`);
  // One row more than asked tells whether another page follows.
  const rows: Array<Record<string, unknown>> = await select.limit(limit + 1);
  const fork = em.fork();
  const items = rows.slice(0, limit).map((row) => ({ ...fork.map(SessionEntity, row) }) as Session);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ value: sortValueOf(last, sort), id: last.id }) : null,
  };
}

/** One session by id, or null. */
export async function getSession(em: EntityManager, id: string): Promise<Session | null> {
  const row = await em.fork().findOne(SessionEntity, { id }, { disableIdentityMap: true });
  return row ? { ...row } : null;
}
