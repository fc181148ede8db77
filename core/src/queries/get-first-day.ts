import type { Knex } from '@mikro-orm/knex';
import { ROLLUP_TABLES } from '../store/write-batch.js';
import { toNumber } from './filters.js';

/** Start (epoch ms, UTC) of the first day with calls, or null for an empty store; from the daily rollups. */
export async function getFirstDay(knex: Knex, projectName?: string): Promise<number | null> {
  const query = knex(ROLLUP_TABLES.day).min({ first: 'hour_start' }).where('calls', '>', 0);
  if (projectName !== undefined) query.where('project_name', projectName);
  const [row] = await query;
  return row?.first == null ? null : toNumber(row.first);
}
