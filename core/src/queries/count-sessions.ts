import type { Knex } from '@mikro-orm/knex';
import type { StoreDialect } from '../store/store-dialect.js';
import type { SessionDayCounts } from './session-day-counts.js';

export interface SessionCount {
  projectName: string;
  /** Sessions started in the range. */
  sessions: number;
  /** Of those, sessions that ended with success=false. */
  failed: number;
}

/** Sessions started in [from, to), per project (closed days from `counts`, the edges live). */
export async function countSessions(
  counts: SessionDayCounts,
  knex: Knex,
  dialect: StoreDialect,
  range: { from?: Date; to?: Date },
): Promise<SessionCount[]> {
  const tallies = await counts.count(knex, dialect, range);
  return [...tallies].map(([projectName, tally]) => ({ projectName, ...tally }));
}
