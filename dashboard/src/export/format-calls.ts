import { CALL_COLUMNS, type LLMCall } from '@observatory/core';

/** Columns of a CSV export: every stored field of a call, in table order (core's field table). */
export const CSV_COLUMNS = CALL_COLUMNS;

/** Rows per yielded chunk, so a stream writes in reasonably sized pieces. */
const ROWS_PER_CHUNK = 500;

/** CSV (RFC 4180, header first), one chunk of rows at a time. */
export async function* formatCallsAsCsv(calls: AsyncIterable<LLMCall>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  yield* inChunks(calls, (call) => `${CSV_COLUMNS.map((column) => csvCell(call[column])).join(',')}\r\n`);
}

/** Newline-delimited JSON: one call per line, dates as ISO strings. */
export async function* formatCallsAsNdjson(calls: AsyncIterable<LLMCall>): AsyncGenerator<string> {
  yield* inChunks(calls, (call) => `${JSON.stringify(call)}\n`);
}

/** Format items into lines, joined into chunks of ROWS_PER_CHUNK lines. */
export async function* inChunks<T>(items: AsyncIterable<T>, format: (item: T) => string): AsyncGenerator<string> {
  let chunk = '';
  let rows = 0;
  for await (const item of items) {
    chunk += format(item);
    if (++rows % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * One CSV cell. Objects become JSON, dates ISO strings. Text that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR, after any apostrophes) gets one more
 * leading apostrophe (OWASP's advice against CSV injection); since text already starting
 * that way gets one too, `observatory import` can take exactly one back off. null is an
 * empty cell and the empty string a quoted one (""), so both survive a round trip; numbers
 * are never touched.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text a spreadsheet would run as a formula, behind any number of apostrophes. */
export const FORMULA_START = /^'*[=+\-@\t\r]/;
