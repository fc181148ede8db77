import { FORMULA_START } from '../export/format-calls.js';

const NUMBER_COLUMNS = new Set([
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'cachedPromptTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'latencyMs',
  'ttftMs',
  'totalCost',
  'totalLlmCalls',
  'totalLatencyMs',
]);
const BOOLEAN_COLUMNS = new Set(['success']);
const JSON_COLUMNS = new Set(['routingDecision', 'cacheMetadata', 'qualityEvaluation', 'metadata']);

/**
 * Turn one exported CSV cell back into the value csvCell wrote: an empty unquoted cell is
 * null, numbers, booleans and JSON columns are parsed, and text loses the one apostrophe
 * that defused a formula. A cell that does not parse stays text, so validation names it.
 */
export function decodeCsvCell(column: string, text: string, quoted: boolean): unknown {
  if (text === '' && !quoted) return null;
  if (NUMBER_COLUMNS.has(column)) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (BOOLEAN_COLUMNS.has(column)) return text === 'true' ? true : text === 'false' ? false : text;
  if (JSON_COLUMNS.has(column)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return FORMULA_START.test(text) && text.startsWith("'") ? text.slice(1) : text;
}
