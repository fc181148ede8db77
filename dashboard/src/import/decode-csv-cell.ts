import { CALL_FIELDS, cellTypeOf, SESSION_FIELDS } from '@observatory/core';
import { FORMULA_START } from '../export/format-calls.js';

/** How each column's cells read back, from core's field tables (a column of both kinds has one type). */
const CELL_TYPES = new Map<string, ReturnType<typeof cellTypeOf>>(
  [...Object.entries(SESSION_FIELDS), ...Object.entries(CALL_FIELDS)].map(([column, spec]) => [
    column,
    cellTypeOf(spec.kind),
  ]),
);

/**
 * Turn one exported CSV cell back into the value csvCell wrote: an empty unquoted cell is
 * null, numbers, booleans and JSON columns are parsed, and text loses the one apostrophe
 * that defused a formula. A cell that does not parse stays text, so validation names it.
 */
export function decodeCsvCell(column: string, text: string, quoted: boolean): unknown {
  if (text === '' && !quoted) return null;
  const type = CELL_TYPES.get(column);
  if (type === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (type === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return FORMULA_START.test(text) && text.startsWith("'") ? text.slice(1) : text;
}
