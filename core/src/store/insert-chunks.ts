import type { SqlConnection, SqlValue } from './sql-connection.js';

/**
 * Rows per statement: far under SQLite's 32,766 bound parameters (llm_calls has 29 columns),
 * and short enough that one statement holds the host's thread for a few ms at most (libsql
 * runs statements on it; 500-row statements held it up to 55 ms, 100-row ones 26 ms, with
 * the same throughput: bench/record-call-latency.ts).
 */
const INSERT_CHUNK_ROWS = 100;
/**
 * On PostgreSQL the server runs the statement, not the host's thread: 500-row INSERTs
 * (under its 65,535 parameters with the rollups' 68 columns) make fewer round trips: ~5%
 * more calls a second than 100-row ones (4 alternating pairs, 20.8k → 22.2k).
 */
const POSTGRES_INSERT_ROWS = 500;

/** Rows in statement-sized slices. */
export function* chunk<T>(rows: readonly T[], size = INSERT_CHUNK_ROWS): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Insert rows into `columns` of `table`, a statement with bound parameters per chunk:
 * `bind` adds one row's values in column order, `tail` ends each statement (an ON CONFLICT).
 * A full chunk's SQL is the same every time, so a connection can keep it compiled.
 */
export async function insertInChunks<R>(
  sql: SqlConnection,
  table: string,
  columns: readonly string[],
  rows: readonly R[],
  bind: (row: R, bindings: SqlValue[]) => void,
  tail = '',
): Promise<void> {
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  for (const part of chunk(rows, sql.dialect === 'postgresql' ? POSTGRES_INSERT_ROWS : INSERT_CHUNK_ROWS)) {
    const bindings: SqlValue[] = [];
    for (const row of part) bind(row, bindings);
    const values = new Array(part.length).fill(placeholders).join(', ');
    await sql.run(`insert into ${table} (${columns.join(', ')}) values ${values}${tail}`, bindings);
  }
}
