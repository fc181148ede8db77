import type { Knex } from '@mikro-orm/knex';
import { toNumber } from './filters.js';

export interface SessionCount {
  projectName: string;
  /** Sessions started in the range. */
  sessions: number;
  /** Of those, sessions that ended with success=false. */
  failed: number;
}

/** Sessions started in [from, to), per project (an index range scan on start_time). */
export async function countSessions(knex: Knex, range: { from?: Date; to?: Date }): Promise<SessionCount[]> {
  // Grouping by an expression rather than the bare column keeps SQLite from walking the
  // whole (project_name, start_time) index in project order to skip a sort of a few rows;
  // it then range-scans the (start_time, project_name, success) covering index instead.
  const query = knex('sessions')
    .select(
      knex.raw("project_name || '' as project_name"),
      knex.raw('count(*) as sessions'),
      knex.raw('coalesce(sum(case when success = ? then 1 else 0 end), 0) as failed', [false]),
    )
    .groupByRaw("project_name || ''");
  if (range.from) query.where('start_time', '>=', range.from);
  if (range.to) query.where('start_time', '<', range.to);
  const rows: Array<Record<string, unknown>> = await query;
  return rows.map((row) => ({
    projectName: String(row.project_name),
    sessions: toNumber(row.sessions),
    failed: toNumber(row.failed),
  }));
}
