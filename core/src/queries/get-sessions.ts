import type { EntityManager } from '@mikro-orm/knex';
import type { Session } from '../models.js';
import { SessionEntity } from '../store/session.entity.js';
import { clampLimit } from './filters.js';

export interface SessionQuery {
  projectName?: string;
  operationType?: string;
  from?: Date;
  to?: Date;
  /** true: succeeded; false: failed; undefined: any (open sessions included). */
  success?: boolean;
  /** Default 100, at most 10,000. */
  limit?: number;
  offset?: number;
}

/** Sessions, newest first. */
export async function getSessions(em: EntityManager, query: SessionQuery = {}): Promise<Session[]> {
  const where: Record<string, unknown> = {};
  if (query.projectName !== undefined) where.projectName = query.projectName;
  if (query.operationType !== undefined) where.operationType = query.operationType;
  if (query.success !== undefined) where.success = query.success;
  if (query.from || query.to) {
    where.startTime = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
  }
  const rows = await em.fork().find(SessionEntity, where, {
    orderBy: { startTime: 'desc', id: 'desc' },
    limit: clampLimit(query.limit, 100),
    offset: query.offset ?? 0,
    disableIdentityMap: true,
  });
  return rows.map((row) => ({ ...row }));
}

/** One session by id, or null. */
export async function getSession(em: EntityManager, id: string): Promise<Session | null> {
  const row = await em.fork().findOne(SessionEntity, { id }, { disableIdentityMap: true });
  return row ? { ...row } : null;
}
