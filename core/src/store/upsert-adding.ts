import { insertInChunks } from './insert-chunks.js';
import { toColumn } from './row-columns.js';
import type { SqlConnection, SqlValue } from './sql-connection.js';

/**
 * Insert rows, or add their measures onto the stored row with the same key (the rollups).
 * One statement per chunk with bound parameters, the same SQL on SQLite and PostgreSQL:
 * rather than knex's upsert builder, which took ~0.5 ms a batch to build SQL
 * that differs only in its number of rows. `addArray` adds one array field's values into
 * columns of their own (a rollup's latency histogram).
 */
export async function upsertAdding<R extends object>(
  sql: SqlConnection,
  table: string,
  keyFields: readonly (keyof R & string)[],
  addFields: readonly (keyof R & string)[],
  rows: readonly R[],
  addArray?: { columns: readonly string[]; values: (row: R) => readonly number[] },
): Promise<void> {
  const addColumns = [...addFields.map(toColumn), ...(addArray?.columns ?? [])];
  const add = addColumns.map((column) => `${column} = ${table}.${column} + excluded.${column}`).join(', ');
  const fields = [...keyFields, ...addFields];
  await insertInChunks(
    sql,
    table,
    [...fields.map(toColumn), ...(addArray?.columns ?? [])],
    rows,
    (row, bindings) => {
      for (const field of fields) bindings.push(row[field] as SqlValue);
      if (addArray) for (const value of addArray.values(row)) bindings.push(value);
    },
    ` on conflict (${keyFields.map(toColumn).join(', ')}) do update set ${add}`,
  );
}
