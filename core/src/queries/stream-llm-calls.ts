import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';

export interface StreamCallsQuery {
  projectName?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Calls read per query. Default 1,000. */
  pageSize?: number;
}

/**
 * Every matching call, oldest first, one page at a time, for exports of any size. Pages
 * continue after the last (timestamp, id) seen (keyset pagination), so the cost per page
 * stays flat instead of growing like OFFSET does.
 */
export async function* streamLlmCalls(em: EntityManager, query: StreamCallsQuery = {}): AsyncGenerator<LLMCall> {
  const pageSize = Math.max(1, Math.min(query.pageSize ?? 1000, 10_000));
  let after: { timestamp: Date; id: string } | null = null;
  for (;;) {
    const where: Record<string, unknown> = {};
    if (query.projectName !== undefined) where.projectName = query.projectName;
    const time: Record<string, Date> = {};
    if (query.from) time.$gte = query.from;
    if (query.to) time.$lt = query.to;
    if (Object.keys(time).length > 0) where.timestamp = time;
    if (after) {
      where.$or = [{ timestamp: { $gt: after.timestamp } }, { timestamp: after.timestamp, id: { $gt: after.id } }];
    }
    const page = await em.fork().find(LLMCallEntity, where, {
      orderBy: { timestamp: 'asc', id: 'asc' },
      limit: pageSize,
      disableIdentityMap: true,
    });
    for (const call of page) yield { ...call };
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { timestamp: last.timestamp, id: last.id };
  }
}
