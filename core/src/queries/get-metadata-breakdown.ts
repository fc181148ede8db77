import type { Knex } from '@mikro-orm/knex';
import { addCall, emptyMeasures } from '../store/build-rollup-deltas.js';
import { metadataKeyPresent } from '../store/metadata-key-present.js';
import { metadataValueOf, readMetadataRollupKeys } from '../store/metadata-rollups.js';
import type { RollupMeasures } from '../store/rollup-fields.js';
import { toColumns } from '../store/row-columns.js';
import { knexSql } from '../store/sql-connection.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { type AggregateFilter, clampLimit, hourRange, toNumber } from './filters.js';
import type { BreakdownRow } from './get-breakdown.js';
import { NO_PERCENTILES } from './get-latency-percentiles.js';
import { ROLLUP_SOURCE_COLUMNS, toRollupSource } from './read-rollup-source.js';
import { rollupRows } from './rollup-rows.js';
import { selectSums, toCallTotals } from './sum-measures.js';

export interface MetadataBreakdownOptions {
  /** Calls read at most, newest first, when the key is not rolled up. Default 100,000. */
  scanLimit?: number;
}

/** Totals per value of one metadata key. */
export interface MetadataBreakdown {
  key: string;
  /**
   * `rollups`: a named key's rollups, exact over the whole range. `calls`: read from the
   * calls themselves (the key is not named, or a model, agent, operation or provider filter
   * is set), slower and bounded by `scanLimit`.
   */
  source: 'rollups' | 'calls';
  /** `calls` only: calls before this were not read because the range held more than `scanLimit` (null: all were). */
  scannedFrom: Date | null;
  /** Most expensive first; the row with key '' holds the calls without the key (or with an empty string, null, an object or an array in it). */
  rows: BreakdownRow[];
}

/** Cost, calls, tokens and latency per value of a metadata key (`userId`, `tenantId`). */
export async function getMetadataBreakdown(
  knex: Knex,
  dialect: StoreDialect,
  key: string,
  filter: AggregateFilter,
  options: MetadataBreakdownOptions = {},
): Promise<MetadataBreakdown> {
  metadataKeyPresent(dialect, key); // validates the key: letters, digits, _ and -
  const narrowed =
    filter.provider !== undefined ||
    filter.modelName !== undefined ||
    filter.agentName !== undefined ||
    filter.operationName !== undefined;
  if (!narrowed && (await readMetadataRollupKeys(knexSql(knex))).includes(key)) {
    return { key, source: 'rollups', scannedFrom: null, rows: await fromRollups(knex, key, filter) };
  }
  return fromCalls(knex, key, filter, clampLimit(options.scanLimit, 100_000, 1_000_000));
}

async function fromRollups(knex: Knex, key: string, filter: AggregateFilter): Promise<BreakdownRow[]> {
  const [valueRows, [allRow]] = await Promise.all([
    rollupRows(knex, 'metadata', filter, { metadataKey: key })
      .select(knex.raw('metadata_value as grp'), ...selectSums(knex))
      .groupBy('metadata_value') as Promise<Array<Record<string, unknown>>>,
    rollupRows(knex, 'calls', filter).select(selectSums(knex)) as Promise<Array<Record<string, unknown>>>,
  ]);
  // Calls without the key: everything minus what the values hold. An empty string is a
  // value the rollups keep, but its row is the '' row too (as read from the calls): it
  // stays in the remainder rather than making a second row keyed ''.
  const values = valueRows.filter((row) => String(row.grp ?? '') !== '');
  const unset: Record<string, unknown> = { grp: '' };
  for (const [column, total] of Object.entries(allRow ?? {})) {
    unset[column] = toNumber(total) - values.reduce((sum, row) => sum + toNumber(row[column]), 0);
  }
  return toRows(toNumber(unset.calls) > 0 ? [...values, unset] : values);
}

async function fromCalls(
  knex: Knex,
  key: string,
  filter: AggregateFilter,
  scanLimit: number,
): Promise<MetadataBreakdown> {
  const { from, to } = hourRange(filter);
  // One past the limit, to know whether the range held more calls than were read.
  const query = knex('llm_calls')
    .select(ROLLUP_SOURCE_COLUMNS)
    .orderBy('timestamp', 'desc')
    .limit(scanLimit + 1);
  if (filter.projectName !== undefined) query.where('project_name', filter.projectName);
  if (filter.provider !== undefined) query.where('model_provider', filter.provider);
  if (filter.modelName !== undefined) query.where('model_name', filter.modelName);
  if (filter.agentName !== undefined) query.where('agent_name', filter.agentName);
  if (filter.operationName !== undefined) query.where('operation_name', filter.operationName);
  if (from !== undefined) query.where('timestamp', '>=', new Date(from));
  if (to !== undefined) query.where('timestamp', '<', new Date(to));
  const fetched = (await query).map(toRollupSource);
  const calls = fetched.slice(0, scanLimit);
  const measures = new Map<string, RollupMeasures>();
  for (const call of calls) {
    const value = metadataValueOf(call.metadata, key) ?? '';
    let row = measures.get(value);
    if (!row) {
      row = emptyMeasures();
      measures.set(value, row);
    }
    addCall(row, call, 1);
  }
  // Not `calls.length >= scanLimit`: a range of exactly scanLimit calls was read whole
  // (scannedFrom null, as documented), and scanLimit 0 read none (no last call to take).
  const full = fetched.length > scanLimit;
  return {
    key,
    source: 'calls',
    scannedFrom: full ? (calls.at(-1) ?? fetched[0]).timestamp : null,
    rows: toRows([...measures].map(([value, row]) => ({ grp: value, ...toColumns(row) }))),
  };
}

/** Sums per value (columns as `selectSums` names them, the value in `grp`) as breakdown rows, most expensive first. */
function toRows(rows: Array<Record<string, unknown>>): BreakdownRow[] {
  const totals = rows.map((row) => ({ key: String(row.grp ?? ''), ...toCallTotals(row) }));
  const allCost = totals.reduce((sum, t) => sum + t.totalCost, 0);
  return totals
    .map((t) => ({ ...t, ...NO_PERCENTILES, costShare: allCost > 0 ? t.totalCost / allCost : 0 }))
    .sort((a, b) => b.totalCost - a.totalCost || b.totalCalls - a.totalCalls || a.key.localeCompare(b.key));
}
