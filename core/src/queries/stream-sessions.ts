import type { EntityManager } from '@mikro-orm/knex';
import type { Session } from '../models.js';
import { SessionEntity } from '../store/session.entity.js';

export interface StreamSessionsQuery {
  projectName?: string;
  /** Inclusive, on the session's start time. */
  from?: Date;
  /** Exclusive, on the session's start time. */
  to?: Date;
  /** Sessions read per query. Default 1,000. */
  pageSize?: number;
}

/**
 * Every matching session, oldest first, one page at a time (keyset pagination on
 * start time and id, like streamLlmCalls), for exports of any size.
 */
export async function* streamSessions(em: EntityManager, query: StreamSessionsQuery = {}): AsyncGenerator<Session> {
  const pageSize = Math.max(1, Math.min(query.pageSize ?? 1000, 10_000));
  let after: { startTime: Date; id: string } | null = null;
  for (;;) {
    const where: Record<string, unknown> = {};
    if (query.projectName !== undefined) where.projectName = query.projectName;
    const time: Record<string, Date> = {};
    if (query.from) time.$gte = query.from;
    if (query.to) time.$lt = query.to;
    if (Object.keys(time).length > 0) where.startTime = time;
    if (after) {
      where.$or = [{ startTime: { $gt: after.startTime } }, { startTime: after.startTime, id: { $gt: after.id } }];
    }
    const page = await em.fork().find(SessionEntity, where, {
      orderBy: { startTime: 'asc', id: 'asc' },
      limit: pageSize,
      disableIdentityMap: true,
    });
    for (const session of page) yield { ...session };
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { startTime: last.startTime, id: last.id };
  }
}
