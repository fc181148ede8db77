import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { Session } from '../models.js';
import { ObservatoryValidationError } from '../observatory-error.js';
import { SessionEntity } from '../store/session.entity.js';
import {
  SESSION_SORT_INDEXES,
  SESSION_SORTS,
  type SessionSort,
  sessionDurationSql,
  sessionSortSql,
} from '../store/session-sort-indexes.js';
import { dialectOf, type StoreDialect } from '../store/store-dialect.js';
import { storedId } from '../store/stored-id.js';
import { ROLLUP_TABLES } from '../store/write-batch.js';
import { checkNumber, type MetadataMatch, whereMetadataMatches } from './call-filters.js';
import { type CallHours, hoursHoldingCalls, whereWithinHours } from './call-hours.js';
import { matchText, type TextMatch, whereCallTextMatches } from './call-text-search.js';
import { clampLimit, toNumber } from './filters.js';
import { decodeCursor, encodeCursor, type KeysetPosition } from './keyset-cursor.js';
import { toDate } from './read-row-values.js';
import { SESSION_STATUSES, type SessionStatus } from './session-statuses.js';

/** open: not ended yet; cancelled: ended by the consumer, neither succeeded nor failed. */

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
 * How a session is tested for a call by an agent (of a model): 'walk' tests each session
 * of the list in order, which finds a page at once when the agent is common; 'lookup' finds
 * the agent's few calls in the hours that hold them (hoursHoldingCalls) and their sessions, which
 * a walk would reach only after testing most of the list; 'none' when no call has it, so no session matches.
 * `projects` are those with its calls: a session of another project is passed over
 * without testing its calls.
 */
interface CallFilterPlan {
  how: 'walk' | 'lookup' | 'none';
  projects: string[];
  /** For a lookup: the hours holding its calls (hoursHoldingCalls), when few enough to read. */
  hours?: CallHours;
}

type CallFilterPlans = Partial<Record<'agentName' | 'modelName', CallFilterPlan>>;

/**
 * An agent's (model's) sessions are looked up when it has at most this many calls and this
 * share of the calls in scope: a walk then tests about ten sessions per match or more.
 */
const LOOKUP_MAX_CALLS = 20_000;
const LOOKUP_MAX_SHARE = 0.1;

const CALL_FILTER_COLUMNS = [
  ['agentName', 'agent_name'],
  ['modelName', 'model_name'],
] as const;

/** The plan of each call filter, from the daily rollups' count of its calls per project (one small table). */
async function planCallFilters(knex: Knex, filter: SessionFilter): Promise<CallFilterPlans> {
  const plans: CallFilterPlans = {};
  for (const [field, column] of CALL_FILTER_COLUMNS) {
    const value = filter[field];
    if (value === undefined) continue;
    const count = knex(ROLLUP_TABLES.day)
      .select(
        'project_name',
        knex.raw(`sum(case when ${column} = ? then calls else 0 end) as matching`, [value]),
        knex.raw('sum(calls) as total'),
      )
      .groupBy('project_name');
    if (filter.projectName !== undefined) count.where('project_name', filter.projectName);
    const rows = (await count) as Array<{ project_name: string; matching: unknown; total: unknown }>;
    const projects = rows.filter((row) => toNumber(row.matching) > 0).map((row) => row.project_name);
    const matching = rows.reduce((sum, row) => sum + toNumber(row.matching), 0);
    const total = rows.reduce((sum, row) => sum + toNumber(row.total), 0);
    const rare = matching <= LOOKUP_MAX_CALLS && matching <= LOOKUP_MAX_SHARE * total;
    // A session's calls may fall outside the sessions' own range: every hour of its calls counts.
    const hours =
      matching > 0 && rare
        ? await hoursHoldingCalls(knex, { [field]: value, projectName: filter.projectName })
        : undefined;
    // Rare calls spread over too many hours to read: the walk finds their sessions, which are
    // then spread through the list too (without an index by model, a lookup reads every call).
    plans[field] = { how: matching === 0 ? 'none' : hours ? 'lookup' : 'walk', projects, hours };
  }
  return plans;
}

/**
 * Whether any session has the filter's operation (in its project): one index probe, where a
 * list walked in order would test every session before finding that none has it.
 */
async function operationHasSessions(knex: Knex, filter: SessionFilter): Promise<boolean> {
  const probe = knex('sessions').select(knex.raw('1 as found')).where('operation_type', filter.operationType);
  if (filter.projectName !== undefined) probe.where('project_name', filter.projectName);
  return (await probe.limit(1)).length > 0;
}

/** Narrow `builder` over `sessions` to the sessions matching `filter`. */
function whereSessionsMatch(
  builder: Knex.QueryBuilder,
  dialect: StoreDialect,
  filter: SessionFilter,
  text: TextMatch | undefined,
  callFilters: CallFilterPlans,
): void {
  if (filter.projectName !== undefined) builder.where('sessions.project_name', filter.projectName);
  if (filter.operationType !== undefined) builder.where('sessions.operation_type', filter.operationType);
  if (filter.from) builder.where('sessions.start_time', '>=', filter.from);
  if (filter.to) builder.where('sessions.start_time', '<', filter.to);
  if (filter.success !== undefined) builder.where('sessions.success', filter.success);
  if (filter.status !== undefined) whereStatus(builder, filter.status);
  for (const [field, column] of CALL_FILTER_COLUMNS) {
    const value = filter[field];
    const plan = callFilters[field];
    if (value === undefined || plan === undefined) continue;
    builder.whereIn('sessions.project_name', plan.projects);
    if (plan.how === 'lookup') {
      builder.whereIn('sessions.id', (calls) => {
        calls.select('llm_calls.session_id').from('llm_calls').where(`llm_calls.${column}`, value);
        if (plan.hours) whereWithinHours(calls, 'llm_calls.timestamp', plan.hours);
      });
    } else {
      builder.whereExists((calls) =>
        calls
          .select(builder.client.raw('1'))
          .from('llm_calls')
          .whereRaw('llm_calls.session_id = sessions.id')
          .where(`llm_calls.${column}`, value),
      );
    }
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

/** Sort-index entries a filtered page walks before the filters' own indexes are used instead. */
const WALK_WINDOW = 5_000;

/** Keep the sessions after the cursor's position in list order (none without a cursor). */
function whereBeyond(
  builder: Knex.QueryBuilder,
  sortBy: string,
  after: KeysetPosition | undefined,
  sort: SessionSort,
  dialect: StoreDialect,
  descending: boolean,
): void {
  if (after === undefined) return;
  // SQLite keeps dates as epoch ms; PostgreSQL compares timestamps.
  const value = sort === 'start' && dialect === 'postgresql' ? new Date(after.value) : after.value;
  const beyond = descending ? '<' : '>';
  builder.where((next) =>
    next
      .whereRaw(`${sortBy} ${beyond} ?`, [value])
      .orWhere((tie) =>
        tie.whereRaw(`${sortBy} = ?`, [value]).where('sessions.id', beyond, storedId(dialect, after.id)),
      ),
  );
}

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
  const callFilters = await planCallFilters(knex, query);
  if (Object.values(callFilters).some((plan) => plan.how === 'none')) return { items: [], nextCursor: null };
  if (query.operationType !== undefined && !(await operationHasSessions(knex, query))) {
    return { items: [], nextCursor: null };
  }
  const text = query.text === undefined ? undefined : await matchText(knex, dialect, query.text);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const indexed = sessionSortSql(sort, dialect);
  const descending = order === 'desc';
  /** The sessions beyond the cursor, in list order; `bound` keeps them within the sort index's first rows. */
  const page = (sortBy: string, bound?: unknown, from: string | Knex.Raw = 'sessions', columns = 'sessions.*') => {
    const select = knex.from(from).select(columns);
    whereSessionsMatch(select, dialect, query, text, callFilters);
    whereBeyond(select, sortBy, after, sort, dialect, descending);
    if (after === undefined && query.offset) select.offset(query.offset);
    if (bound !== undefined) select.whereRaw(`${sortBy} ${descending ? '>=' : '<='} ?`, [bound as Knex.Value]);
    // One row more than asked tells whether another page follows.
    return select.orderByRaw(`${sortBy} ${order}, sessions.id ${order}`).limit(limit + 1) as Promise<
      Array<Record<string, unknown>>
    >;
  };
  let rows: Array<Record<string, unknown>> | undefined;
  const filtered = Object.entries(query).some(([key, value]) => FILTER_KEYS.has(key) && value !== undefined);
  if (dialect === 'sqlite' && query.metadata === undefined && text === undefined) {
    // Every filter is tested inside the sort's covering index: walk it in list order. Its
    // worst case (nothing matches) reads the whole index, 30 ms for 356k sessions.
    rows = await page(indexed, undefined, knex.raw(`sessions indexed by ${SESSION_SORT_INDEXES[sort]}`));
  } else if (!filtered || text !== undefined) {
    // Text: the words' own index decides (see whereSessionsMatch).
    rows = await page(filtered && sort !== 'start' ? `(${indexed} + 0)` : indexed);
  } else if (dialect === 'postgresql') {
    // The page's ids first: PostgreSQL tests the filters on the sort's covering index (its
    // INCLUDE columns) only in an index-only scan, which a select of whole rows is not (a
    // cheap project's failures by cost: 350 ms fetching 300k rows to test them; 70 ms).
    const ids = (await page(indexed, undefined, 'sessions', 'sessions.id')).map((row) => String(row.id));
    const found: Array<Record<string, unknown>> = await knex('sessions').select('*').whereIn('id', ids);
    const byId = new Map(found.map((row) => [String(row.id), row] as const));
    rows = ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
  } else if (!query.offset) {
    // Walk the sort index, but only over its next WALK_WINDOW sessions: a filter that matches
    // often fills the page there (a project, the failures, a cost range: a few ms). Fewer
    // matches means the rest may sit far along the index (the cheapest project's failures
    // sorted by cost: 300k sessions walked, 1 s); then the filter's own index finds them all
    // and they are sorted, which is quick because there are few.
    const edge = knex('sessions').select(knex.raw(`${indexed} as edge`));
    whereBeyond(edge, indexed, after, sort, dialect, descending);
    const [last] = (await edge
      .orderByRaw(`${indexed} ${order}, sessions.id ${order}`)
      .limit(1)
      .offset(WALK_WINDOW)) as Array<{ edge: unknown }>;
    const walked = await page(indexed, last?.edge ?? undefined);
    if (last === undefined || walked.length > limit) rows = walked;
  }
  // SQLite only from here. Unindexable (+ 0): the filters' indexes find the matches, then they are sorted.
  rows ??= await page(`(${indexed} + 0)`);
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
  const knex = em.getKnex();
  const [row]: Array<Record<string, unknown>> = await knex('sessions')
    .select('*')
    .where('id', storedId(dialectOf(knex), id));
  return row ? ({ ...em.fork().map(SessionEntity, row) } as Session) : null;
}
