import { CALL_ROW_FIELDS, CALL_TEXT_FIELDS, columnOf, type FieldSpec, SESSION_FIELDS } from '../call-fields.js';
import type { LLMCall } from '../models.js';
import type { ValueKind } from '../value-rules.js';
import { chunk, insertInChunks } from './insert-chunks.js';
import type { SqlConnection, SqlValue } from './sql-connection.js';
import { storedId } from './stored-id.js';

/*
 * The writer's INSERTs, built from the field tables with bound parameters rather than
 * through MikroORM's insertMany, which writes every value into the SQL text: each batch
 * then had a statement of its own to build (a third of the writer's CPU) and for SQLite to
 * compile. With parameters a full chunk's SQL is the same every time, so the libsql
 * connection reuses its compiled statement (libsql-store-driver.ts). Values are stored as
 * MikroORM stores them, so its reads see the same rows: dates as epoch milliseconds on
 * SQLite and timestamps on PostgreSQL, JSON as text, flags as 0/1 on SQLite.
 */

const JSON_KINDS = new Set<ValueKind>(['routingDecision', 'cacheMetadata', 'qualityEvaluation', 'object']);

interface Table {
  name: string;
  columns: string[];
  fields: Array<[name: string, spec: FieldSpec]>;
}

function tableOf(name: string, fields: Record<string, FieldSpec>): Table {
  const entries = Object.entries(fields);
  return { name, columns: entries.map(([field, spec]) => columnOf(field, spec)), fields: entries };
}

export const CALLS_TABLE = tableOf('llm_calls', CALL_ROW_FIELDS);
export const CALL_TEXTS_TABLE = tableOf('llm_call_texts', CALL_TEXT_FIELDS);
export const SESSIONS_TABLE = tableOf('sessions', SESSION_FIELDS);

/**
 * Insert records (calls or sessions) in chunks, one statement each. A record whose id is
 * stored already is skipped with `existing: 'ignore'`, stored over with `existing: 'replace'`.
 */
export async function insertRecords(
  sql: SqlConnection,
  table: Table,
  records: readonly object[],
  options: { existing?: 'ignore' | 'replace' } = {},
): Promise<void> {
  if (records.length === 0) return;
  const sqlite = sql.dialect !== 'postgresql';
  await insertInChunks(
    sql,
    table.name,
    table.columns,
    records,
    (row, bindings) => {
      for (const [field, spec] of table.fields) {
        bindings.push(storedValue((row as Record<string, unknown>)[field], spec, sqlite));
      }
    },
    options.existing === 'ignore'
      ? ' on conflict (id) do nothing'
      : options.existing === 'replace'
        ? ` on conflict (id) do update set ${table.columns
            .filter((column) => column !== 'id')
            .map((column) => `${column} = excluded.${column}`)
            .join(', ')}`
        : '',
  );
}

/**
 * Insert the texts of the calls that have any, after the calls themselves. On SQLite each
 * texts row takes its call's rowid, so the full-text index (keyed by the texts' rowids)
 * lists calls' rowids and a search never reads the texts table (27,509 texts rows for a
 * common word took 70 ms). A VACUUM may renumber the calls, as it could before the texts
 * had their own table, when the index was over the calls' rows.
 */
export async function insertCallTexts(sql: SqlConnection, calls: readonly LLMCall[]): Promise<void> {
  const withTexts = calls.filter((call) => call.prompt != null || call.responseText != null);
  if (sql.dialect === 'postgresql') return insertRecords(sql, CALL_TEXTS_TABLE, withTexts);
  for (const part of chunk(withTexts)) {
    const bindings: SqlValue[] = [];
    for (const call of part)
      bindings.push(storedId(sql.dialect, call.id), call.prompt ?? null, call.responseText ?? null);
    await sql.run(
      `insert into llm_call_texts (rowid, id, prompt, response_text) select c.rowid, v.column1, v.column2, v.column3 from (values ${new Array(part.length).fill('(?, ?, ?)').join(', ')}) as v join llm_calls c on c.id = v.column1`,
      bindings,
    );
  }
}

/** Set fields of the record with this id, stored as insertRecords stores them. */
export async function updateRecord(
  sql: SqlConnection,
  table: Table,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const sqlite = sql.dialect !== 'postgresql';
  const specs = new Map(table.fields);
  const fields = Object.keys(values).map((field) => {
    const spec = specs.get(field);
    if (!spec) throw new Error(`updateRecord: ${table.name} has no field ${field}`);
    return [field, spec] as const;
  });
  await sql.run(
    `update ${table.name} set ${fields.map(([field, spec]) => `${columnOf(field, spec)} = ?`).join(', ')} where id = ?`,
    [...fields.map(([field, spec]) => storedValue(values[field], spec, sqlite)), storedId(sql.dialect, id)],
  );
}

function storedValue(value: unknown, spec: FieldSpec, sqlite: boolean): SqlValue {
  // A field added after a record was built (an older spooled batch) is stored as its default.
  if (value === undefined || value === null)
    return value === undefined && spec.absentIs !== undefined ? spec.absentIs : null;
  if (value instanceof Date) return sqlite ? value.getTime() : value;
  if (spec.kind === 'id' && sqlite) return storedId('sqlite', value as string);
  if (JSON_KINDS.has(spec.kind)) return JSON.stringify(value);
  if (typeof value === 'boolean' && sqlite) return value ? 1 : 0;
  return value as SqlValue;
}
