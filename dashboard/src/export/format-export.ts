import { CALL_COLUMNS, type LLMCall, SESSION_COLUMNS, type Session } from '@observatory/core';
import { CSV_COLUMNS, csvCell, inChunks } from './format-calls.js';

/** One record of a full export: a call or a session. */
export type ExportRecord = { kind: 'call'; call: LLMCall } | { kind: 'session'; session: Session };

/**
 * Session fields that calls do not have. A session's other fields (id, projectName,
 * totalCost, totalTokens, error, metadata, createdAt) share the call columns of that name.
 */
export const SESSION_ONLY_COLUMNS = SESSION_COLUMNS.filter((column) => !(CALL_COLUMNS as string[]).includes(column));

/**
 * Columns of a full CSV export: the calls-only columns first, in their old positions, then
 * `kind` (call or session) and the session-only columns, so readers of the calls-only CSV
 * keep finding every call column where it was.
 */
export const EXPORT_CSV_COLUMNS = [...CSV_COLUMNS, 'kind', ...SESSION_ONLY_COLUMNS] as const;

/**
 * Every call, then every session: a session record comes after its calls so that an
 * import, which adds each call to its session's totals, ends with the exported totals.
 */
export async function* exportRecords(
  calls: AsyncIterable<LLMCall>,
  sessions: AsyncIterable<Session>,
): AsyncGenerator<ExportRecord> {
  for await (const call of calls) yield { kind: 'call', call };
  for await (const session of sessions) yield { kind: 'session', session };
}

/** CSV with a `kind` column (header first), one chunk of rows at a time. */
export async function* formatExportAsCsv(records: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  yield `${EXPORT_CSV_COLUMNS.join(',')}\r\n`;
  yield* inChunks(records, (record) => {
    const row: Record<string, unknown> = { ...recordFields(record), kind: record.kind };
    return `${EXPORT_CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
  });
}

/** NDJSON: one `{"kind":"call"|"session", …fields}` object per line, dates as ISO strings. */
export async function* formatExportAsNdjson(records: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  yield* inChunks(records, (record) => `${JSON.stringify({ kind: record.kind, ...recordFields(record) })}\n`);
}

function recordFields(record: ExportRecord): LLMCall | Session {
  return record.kind === 'call' ? record.call : record.session;
}
