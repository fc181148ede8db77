import type { Knex } from '@mikro-orm/knex';
import { ROLLUP_TABLES } from '../store/write-batch.js';

/**
 * Every project that has sessions or calls, sorted. Found by a loose index scan (a
 * recursive query that seeks to the next larger name in each table's project index), so
 * the cost grows with the number of projects, not with the number of sessions.
 */
export async function getDistinctProjects(knex: Knex): Promise<string[]> {
  const names = new Set<string>();
  for (const table of ['sessions', 'llm_call_rollups']) {
    const rows: Array<{ name: string | null }> = await knex
      .raw(
        `with recursive p(name) as (
         select min(project_name) from ${table}
         union all
         select (select min(project_name) from ${table} where project_name > p.name) from p where p.name is not null
       )
       select name from p where name is not null`,
      )
      .then((result: unknown) => toRows(result));
    for (const row of rows) if (row.name !== null) names.add(String(row.name));
  }
  return [...names].sort();
}

/** knex.raw returns rows directly on SQLite and a result object with `rows` on PostgreSQL. */
function toRows(result: unknown): Array<{ name: string | null }> {
  if (Array.isArray(result)) return result;
  return (result as { rows: Array<{ name: string | null }> }).rows;
}

/**
 * Distinct values of a rollup key column with calls, optionally within one project; ''
 * (none) excluded. Read from the daily rollups: a day holds a key once, not 24 times.
 */
export async function getDistinctRollupValues(knex: Knex, column: string, projectName?: string): Promise<string[]> {
  const query = knex(ROLLUP_TABLES.day).distinct(column).whereNot(column, '').where('calls', '>', 0).orderBy(column);
  if (projectName !== undefined) query.where('project_name', projectName);
  const rows: Array<Record<string, string>> = await query;
  return rows.map((row) => row[column]);
}
