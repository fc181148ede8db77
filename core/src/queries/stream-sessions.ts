import type { EntityManager } from '@mikro-orm/knex';
import type { Session } from '../models.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { findSessions, type SessionFilter } from './find-sessions.js';

export interface StreamSessionsQuery extends SessionFilter {
  /** Rows read per query. Default 1,000, at most 10,000. */
  pageSize?: number;
}

/** Every matching session, oldest first by start, one keyset page at a time (as streamLlmCalls). */
export async function* streamSessions(
  em: EntityManager,
  dialect: StoreDialect,
  query: StreamSessionsQuery = {},
): AsyncGenerator<Session> {
  const { pageSize, ...filter } = query;
  const limit = Math.max(1, Math.min(pageSize ?? 1000, 10_000));
  let cursor: string | undefined;
  do {
    const page = await findSessions(em, dialect, { ...filter, sort: 'start', order: 'asc', limit, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
