import type { EntityManager, Knex } from '@mikro-orm/knex';
import { CALL_ROW_FIELDS, columnOf } from '../call-fields.js';
import type { LLMCall } from '../models.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { storedId } from '../store/stored-id.js';
import { type CallFilter, whereCallsMatch } from './call-filters.js';
import { callHoursOf } from './call-hours.js';
import { matchText } from './call-text-search.js';
import { clampLimit, toNumber } from './filters.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import { toDate } from './read-row-values.js';

/** A call's columns: its row's, and its texts' (not PostgreSQL's `text_search` words, which no reader needs). */
const CALL_COLUMNS = [
  ...Object.entries(CALL_ROW_FIELDS).map(([name, spec]) => `llm_calls.${columnOf(name, spec)}`),
  'llm_call_texts.prompt',
  'llm_call_texts.response_text',
];

export interface LlmCallQuery extends CallFilter {
  /** Default 100, at most 10,000. */
  limit?: number;
  /** Rows to skip; prefer `cursor`, which stays fast deep into a long list. */
  offset?: number;
  /** Continue after the page that returned this `nextCursor`. */
  cursor?: string;
  /** Default 'desc' (newest first). */
  order?: 'asc' | 'desc';
}

/** A page of calls and the cursor of the next one (null: this was the last). */
export interface CallPage {
  items: LLMCall[];
  nextCursor: string | null;
}

/** Calls matching the filters in time order (newest first by default), a page at a time. */
export async function findCalls(em: EntityManager, dialect: StoreDialect, query: LlmCallQuery = {}): Promise<CallPage> {
  const order = query.order ?? 'desc';
  const limit = clampLimit(query.limit, 100);
  const knex = em.getKnex();
  const select = selectCalls(knex);
  whereCallsMatch(
    select,
    dialect,
    query,
    query.text === undefined ? undefined : await matchText(knex, dialect, query.text),
    await callHoursOf(knex, query),
  );
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    const time = new Date(after.value);
    const beyond = order === 'desc' ? '<' : '>';
    select.where((next) =>
      next
        .where('llm_calls.timestamp', beyond, time)
        .orWhere((tie) =>
          tie.where('llm_calls.timestamp', time).where('llm_calls.id', beyond, storedId(dialect, after.id)),
        ),
    );
  } else if (query.offset) {
    select.offset(query.offset);
  }
  select.orderBy([
    { column: 'llm_calls.timestamp', order },
    { column: 'llm_calls.id', order },
  ]);
  // One row more than asked tells whether another page follows.
  const rows: Array<Record<string, unknown>> = await select.limit(limit + 1);
  const fork = em.fork();
  const items = rows.slice(0, limit).map((row) => toCall(fork, row));
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ value: toDate(last.timestamp).getTime(), id: last.id }) : null,
  };
}

/** How many calls match the filters (limit, offset and cursor ignored), counting at most `max`. */
export async function countLlmCalls(
  em: EntityManager,
  dialect: StoreDialect,
  query: CallFilter = {},
  max = Number.MAX_SAFE_INTEGER,
): Promise<number> {
  const knex = em.getKnex();
  const matching = knex('llm_calls').select(knex.raw('1'));
  whereCallsMatch(
    matching,
    dialect,
    query,
    query.text === undefined ? undefined : await matchText(knex, dialect, query.text),
    await callHoursOf(knex, query),
  );
  if (max < Number.MAX_SAFE_INTEGER) matching.limit(max);
  const rows: Array<{ count: unknown }> = await knex.count({ count: '*' }).from(matching.as('matching'));
  return toNumber(rows[0]?.count);
}

/** Whole calls (row and texts, null when a call has none), for a query to narrow. */
export function selectCalls(knex: Knex): Knex.QueryBuilder {
  return knex('llm_calls').select(CALL_COLUMNS).leftJoin('llm_call_texts', 'llm_call_texts.id', 'llm_calls.id');
}

/** A call from a row of `selectCalls`. */
export function toCall(em: EntityManager, row: Record<string, unknown>): LLMCall {
  return {
    ...em.map(LLMCallEntity, row),
    prompt: (row.prompt as string | null | undefined) ?? null,
    responseText: (row.response_text as string | null | undefined) ?? null,
  };
}
