import type { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

/** Rows of one project and time range, for streaming exports. */
export interface StreamQuery {
  projectName?: string;
  /** Inclusive, on the row's time (a call's timestamp, a session's start). */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Rows read per query. Default 1,000, at most 10,000. */
  pageSize?: number;
}

/**
 * Every matching row, oldest first, one page at a time, for exports of any size. Pages
 * continue after the last (time, id) seen (keyset pagination), so the cost per page stays
 * flat instead of growing like OFFSET does.
 */
export async function* streamInTimeOrder<Row extends { id: string }, TimeField extends keyof Row & string>(
  em: EntityManager,
  entity: EntitySchema<Row>,
  timeField: TimeField,
  query: StreamQuery,
): AsyncGenerator<Row> {
  const pageSize = Math.max(1, Math.min(query.pageSize ?? 1000, 10_000));
  let after: { time: Row[TimeField]; id: string } | null = null;
  for (;;) {
    const where: Record<string, unknown> = {};
    if (query.projectName !== undefined) where.projectName = query.projectName;
    const time: Record<string, Date> = {};
    if (query.from) time.$gte = query.from;
    if (query.to) time.$lt = query.to;
    if (Object.keys(time).length > 0) where[timeField] = time;
    if (after) {
      where.$or = [{ [timeField]: { $gt: after.time } }, { [timeField]: after.time, id: { $gt: after.id } }];
    }
    const page: Row[] = await em.fork().find(entity, where as never, {
      orderBy: { [timeField]: 'asc', id: 'asc' } as never,
      limit: pageSize,
      disableIdentityMap: true,
    });
    for (const row of page) yield { ...row };
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { time: last[timeField], id: last.id };
  }
}
