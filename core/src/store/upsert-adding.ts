import type { Knex } from '@mikro-orm/knex';
import { chunk } from './insert-chunks.js';
import { toColumn } from './row-columns.js';

/**
 * Insert rows, or add their measures onto the stored row with the same key (the rollups).
 * One statement per chunk with bound parameters, the same SQL on SQLite and PostgreSQL:
 * built here rather than by knex's upsert builder, which took ~0.5 ms a batch to build SQL
 * that differs only in its number of rows.
 */
export async function upsertAdding<R extends object>(
  knex: Knex,
  table: string,
  keyFields: readonly (keyof R & string)[],
  addFields: readonly (keyof R & string)[],
  rows: readonly R[],
): Promise<void> {
  if (rows.length === 0) return;
  const fields = [...keyFields, ...addFields];
  const placeholders = `(${fields.map(() => '?').join(', ')})`;
  const conflict = keyFields.map(toColumn).join(', ');
  const add = addFields
    .map(toColumn)
    .map((column) => `${column} = ${table}.${column} + excluded.${column}`)
    .join(', ');
  for (const part of chunk([...rows])) {
    const bindings: Knex.RawBinding[] = [];
    for (const row of part) for (const field of fields) bindings.push(row[field] as Knex.RawBinding);
    await knex.raw(
      `insert into ${table} (${fields.map(toColumn).join(', ')}) values ${new Array(part.length).fill(placeholders).join(', ')} on conflict (${conflict}) do update set ${add}`,
      bindings,
    );
  }
}
