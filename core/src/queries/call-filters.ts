import type { Knex } from '@mikro-orm/knex';
import { ObservatoryValidationError } from '../observatory-error.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { storedId } from '../store/stored-id.js';
import { type CallHours, whereWithinHours } from './call-hours.js';
import { type TextMatch, whereCallTextMatches } from './call-text-search.js';

/** A metadata key and the value it must have (compared as text: `userId = 42` matches 42 and "42"). */
export interface MetadataMatch {
  key: string;
  value: string;
}

/** Which calls: every field narrows; all are optional. */
export interface CallFilter {
  projectName?: string;
  sessionId?: string;
  provider?: string;
  modelName?: string;
  agentName?: string;
  operationName?: string;
  /** Only calls with (true) or without (false) an error. */
  hasError?: boolean;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Dollars, inclusive. */
  minCost?: number;
  maxCost?: number;
  /** Milliseconds, inclusive. */
  minLatencyMs?: number;
  maxLatencyMs?: number;
  /** A top-level key of the call's metadata. */
  metadata?: MetadataMatch;
  /** Words that must all occur in the prompt or the response (full-text search). */
  text?: string;
}

/** Metadata keys a filter may name: top-level keys of ordinary characters. */
const METADATA_KEY = /^[\p{L}\p{N}_.:-]{1,64}$/u;

/** Narrow `builder` over `llm_calls` (or its alias) to the calls matching `filter` (`text` prepared by matchText, `hours` by callHoursOf). */
export function whereCallsMatch(
  builder: Knex.QueryBuilder,
  dialect: StoreDialect,
  filter: CallFilter,
  text: TextMatch | undefined,
  hours?: CallHours,
  table = 'llm_calls',
): void {
  const column = (name: string) => `${table}.${name}`;
  if (hours) whereWithinHours(builder, column('timestamp'), hours);
  if (filter.sessionId !== undefined) builder.where(column('session_id'), storedId(dialect, filter.sessionId));
  const equal: Array<[keyof CallFilter, string]> = [
    ['projectName', 'project_name'],
    ['provider', 'model_provider'],
    ['modelName', 'model_name'],
    ['agentName', 'agent_name'],
    ['operationName', 'operation_name'],
  ];
  for (const [field, name] of equal)
    if (filter[field] !== undefined) builder.where(column(name), filter[field] as string);
  if (filter.hasError !== undefined) {
    if (filter.hasError) builder.whereNotNull(column('error'));
    else builder.whereNull(column('error'));
  }
  if (filter.from) builder.where(column('timestamp'), '>=', filter.from);
  if (filter.to) builder.where(column('timestamp'), '<', filter.to);
  if (filter.minCost !== undefined) builder.where(column('total_cost'), '>=', checkNumber('minCost', filter.minCost));
  if (filter.maxCost !== undefined) builder.where(column('total_cost'), '<=', checkNumber('maxCost', filter.maxCost));
  if (filter.minLatencyMs !== undefined)
    builder.where(column('latency_ms'), '>=', checkNumber('minLatencyMs', filter.minLatencyMs));
  if (filter.maxLatencyMs !== undefined)
    builder.where(column('latency_ms'), '<=', checkNumber('maxLatencyMs', filter.maxLatencyMs));
  if (filter.metadata) whereMetadataMatches(builder, dialect, column('metadata'), filter.metadata);
  if (text) whereCallTextMatches(builder, dialect, text, table);
}

/** Keep rows whose JSON `column` has `match.key` equal to `match.value` (as text; true/false as words). */
export function whereMetadataMatches(
  builder: Knex.QueryBuilder,
  dialect: StoreDialect,
  column: string,
  match: MetadataMatch,
): void {
  if (typeof match.key !== 'string' || !METADATA_KEY.test(match.key)) {
    throw new ObservatoryValidationError('query', [
      { field: 'metadata.key', value: match.key, message: 'must be 1–64 letters, digits or _ . : -' },
    ]);
  }
  if (typeof match.value !== 'string' || match.value.length > 1000) {
    throw new ObservatoryValidationError('query', [
      { field: 'metadata.value', value: match.value, message: 'must be a string of at most 1,000 characters' },
    ]);
  }
  if (dialect === 'postgresql') {
    // Containment (`@>`) so a GIN index on the column serves it (sessions: migration 0010):
    // the value as a string, and as the number or boolean it spells, as text comparison would match.
    const candidates: unknown[] = [match.value];
    const number = Number(match.value);
    if (match.value.trim() !== '' && Number.isFinite(number)) candidates.push(number);
    if (match.value === 'true' || match.value === 'false') candidates.push(match.value === 'true');
    builder.where((any) => {
      for (const value of candidates) {
        any.orWhereRaw(`${column} @> ?::jsonb`, [JSON.stringify({ [match.key]: value })]);
      }
    });
    return;
  }
  builder.whereRaw(`${sqliteMetadataValue(column, match.key)} = ?`, [match.value]);
}

/**
 * SQLite: a metadata key's value as text, as the filters compare it. json_extract gives SQLite
 * values (true → 1); json_type tells booleans apart, so both stores read "true". The key is
 * written into the SQL (METADATA_KEY admits no quote) so that an index on this very
 * expression, made when the key is named for rollups, serves the filter.
 */
export function sqliteMetadataValue(column: string, key: string): string {
  if (!METADATA_KEY.test(key)) {
    throw new ObservatoryValidationError('query', [
      { field: 'metadata.key', value: key, message: 'must be 1–64 letters, digits or _ . : -' },
    ]);
  }
  const path = `'$."${key}"'`;
  return `(case json_type(${column}, ${path}) when 'true' then 'true' when 'false' then 'false' else cast(json_extract(${column}, ${path}) as text) end)`;
}

export function checkNumber(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ObservatoryValidationError('query', [{ field, value, message: 'must be a finite number' }]);
  }
  return value;
}
