import type { Readable } from 'node:stream';
import { CALL_COLUMNS, SESSION_COLUMNS } from '@observatory/core';
import { type CsvError, parse } from 'csv-parse';
import { EXPORT_CSV_COLUMNS } from '../export/format-export.js';
import { decodeCsvCell } from './decode-csv-cell.js';
import type { ImportProblem, RawRecord } from './raw-record.js';

const KNOWN_COLUMNS = new Set<string>(EXPORT_CSV_COLUMNS);

/**
 * Records of a CSV export (header first; the calls-only layout works too), read as a
 * stream. A malformed record (wrong number of cells, a stray quote) is reported and skipped.
 */
export async function* readCsvRecords(input: Readable): AsyncGenerator<RawRecord> {
  const skipped: ImportProblem[] = [];
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const unknown = header.filter((column) => !KNOWN_COLUMNS.has(column));
      if (unknown.length > 0) {
        throw new Error(`line 1: unknown CSV column ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);
      }
      return header;
    },
    cast: (value, context) => (context.header ? value : decodeCsvCell(String(context.column), value, context.quoting)),
    info: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      if (error) {
        const line = typeof error.lines === 'number' ? error.lines : 0;
        skipped.push({ line, field: '(record)', value: raw ?? '', message: error.message });
      }
    },
  });
  input.on('error', (error) => parser.destroy(error));
  const rows = input.pipe(parser) as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number } }>;
  for await (const { record, info } of rows) {
    // The parser reads ahead, so skipped records wait for their turn in line order.
    while (skipped.length > 0 && skipped[0].line < info.lines) {
      const problem = skipped.shift() as ImportProblem;
      yield { line: problem.line, problem };
    }
    yield { line: info.lines, fields: fieldsOfKind(record) };
  }
  for (const problem of skipped) yield { line: problem.line, problem };
}

const CALL_FIELD_NAMES = new Set<string>(CALL_COLUMNS);
const SESSION_FIELD_NAMES = new Set<string>(SESSION_COLUMNS);

/**
 * The record's fields: every column of its kind (an empty cell there is null) and any
 * filled cell of another column, which validation then reports as not of that kind.
 */
function fieldsOfKind(row: Record<string, unknown>): Record<string, unknown> {
  const columns = row.kind === 'session' ? SESSION_FIELD_NAMES : CALL_FIELD_NAMES;
  const fields: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (columns.has(column) || (value !== null && column !== 'kind')) fields[column] = value;
  }
  if (row.kind !== null && row.kind !== undefined) fields.kind = row.kind;
  return fields;
}
