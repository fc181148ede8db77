import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import type { StoreDialect } from '../store/store-dialect.js';
import type { CallFilter } from './call-filters.js';
import { findCalls } from './find-calls.js';

export interface StreamCallsQuery extends CallFilter {
  /** Rows read per query. Default 1,000, at most 10,000. */
  pageSize?: number;
}

/**
 * Every matching call, oldest first, one keyset page at a time, for exports of any size:
 * each page continues after the last (time, id) seen, so page cost stays flat.
 */
export async function* streamLlmCalls(
  em: EntityManager,
  dialect: StoreDialect,
  query: StreamCallsQuery = {},
): AsyncGenerator<LLMCall> {
  const { pageSize, ...filter } = query;
  const limit = Math.max(1, Math.min(pageSize ?? 1000, 10_000));
  let cursor: string | undefined;
  do {
    const page = await findCalls(em, dialect, { ...filter, order: 'asc', limit, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
