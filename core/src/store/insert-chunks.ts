/**
 * Rows per INSERT: far under SQLite's 32,766 bound parameters (llm_calls has 29 columns),
 * and short enough that one statement holds the host's thread for a few ms at most (libsql
 * runs statements on it; 500-row statements held it up to 55 ms, 100-row ones 26 ms, with
 * the same throughput: bench/record-call-latency.ts).
 */
const INSERT_CHUNK_ROWS = 100;

/** Rows in INSERT-sized slices. */
export function* chunk<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) yield rows.slice(i, i + INSERT_CHUNK_ROWS);
}
