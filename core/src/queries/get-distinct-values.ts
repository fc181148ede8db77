import type { Knex } from '@mikro-orm/knex';

/** Every project that has sessions or calls, sorted. */
export async function getDistinctProjects(knex: Knex): Promise<string[]> {
  const rows: Array<{ project_name: string }> = await knex
    .select('project_name')
    .from('sessions')
    .union((q) => q.select('project_name').from('llm_call_rollups'))
    .orderBy('project_name');
  return [...new Set(rows.map((row) => row.project_name))];
}

/** Distinct values of a rollup key column, optionally within one project; '' (none) excluded. */
export async function getDistinctRollupValues(knex: Knex, column: string, projectName?: string): Promise<string[]> {
  const query = knex('llm_call_rollups').distinct(column).whereNot(column, '').orderBy(column);
  if (projectName !== undefined) query.where('project_name', projectName);
  const rows: Array<Record<string, string>> = await query;
  return rows.map((row) => row[column]);
}
