import type { Knex } from '@mikro-orm/knex';
import { ObservatoryValidationError } from '../observatory-error.js';
import { toNumber } from './filters.js';
import { selectSums } from './sum-measures.js';

/** Period a slice covers: an hour (the rollups as stored) or a UTC day. */
export type SlicePeriod = 'hour' | 'day';

const PERIOD_MS: Record<SlicePeriod, number> = { hour: 3_600_000, day: 86_400_000 };

/** The rollup key columns a slice keeps. */
export interface SliceKey {
  /** Start of the period, epoch ms (UTC). */
  period: number;
  projectName: string;
  provider: string;
  modelName: string;
  /** '' when none was recorded. */
  agentName: string;
  operationName: string;
}

/** Summed measures of one key and period, named like the `selectSums` columns (calls, total_cost, …). */
export interface RollupSlice extends SliceKey {
  sums: Record<string, number>;
}

/** Calls of one key and period in one latency bucket. */
export interface LatencySlice extends SliceKey {
  bucket: number;
  calls: number;
}

export interface SliceRange {
  /** Inclusive, hour-aligned (rounded down). */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  period: SlicePeriod;
}

/**
 * The call rollups re-aggregated per period (hour or UTC day) and full key, in SQL: the
 * building block a dashboard caches per closed day so that a month-long view reads a few
 * hundred rows instead of every hourly one.
 */
export async function getRollupSlices(knex: Knex, range: SliceRange): Promise<RollupSlice[]> {
  const width = periodWidth(range.period);
  const bucket = `(hour_start / ${width}) * ${width}`;
  const query = knex('llm_call_rollups')
    .select(knex.raw(`${bucket} as period`), ...KEY_COLUMNS, ...selectSums(knex))
    .groupByRaw(`${bucket}, ${KEY_COLUMNS.join(', ')}`);
  whereHours(query, range);
  const rows: Array<Record<string, unknown>> = await query;
  return rows.map((row) => {
    const sums: Record<string, number> = {};
    for (const [column, value] of Object.entries(row)) {
      if (!KEY_SET.has(column) && column !== 'period') sums[column] = toNumber(value);
    }
    return { ...toKey(row), sums };
  });
}

/** The latency histograms re-aggregated per period and full key. */
export async function getLatencySlices(knex: Knex, range: SliceRange): Promise<LatencySlice[]> {
  const width = periodWidth(range.period);
  const bucket = `(hour_start / ${width}) * ${width}`;
  const query = knex('llm_latency_rollups')
    .select(knex.raw(`${bucket} as period`), ...KEY_COLUMNS, 'bucket', knex.raw('sum(calls) as calls'))
    .groupByRaw(`${bucket}, ${KEY_COLUMNS.join(', ')}, bucket`);
  whereHours(query, range);
  const rows: Array<Record<string, unknown>> = await query;
  return rows.map((row) => ({ ...toKey(row), bucket: toNumber(row.bucket), calls: toNumber(row.calls) }));
}

/**
 * Per period: calls, summed latency and rollup rows. Any write or prune that touches a
 * period changes these, so a cache of that period can tell it is stale.
 */
export async function getRollupFingerprints(
  knex: Knex,
  range: SliceRange,
): Promise<Array<{ period: number; calls: number; latencySumMs: number; rows: number }>> {
  const width = periodWidth(range.period);
  const bucket = `(hour_start / ${width}) * ${width}`;
  const query = knex('llm_call_rollups')
    .select(
      knex.raw(`${bucket} as period`),
      knex.raw('sum(calls) as calls'),
      knex.raw('sum(latency_sum_ms) as latency_sum_ms'),
      knex.raw('count(*) as row_count'),
    )
    .groupByRaw(bucket)
    .orderBy('period');
  whereHours(query, range);
  const rows: Array<Record<string, unknown>> = await query;
  return rows.map((row) => ({
    period: toNumber(row.period),
    calls: toNumber(row.calls),
    latencySumMs: toNumber(row.latency_sum_ms),
    rows: toNumber(row.row_count),
  }));
}

const KEY_COLUMNS = ['project_name', 'model_provider', 'model_name', 'agent_name', 'operation_name'];
const KEY_SET = new Set(KEY_COLUMNS);

function periodWidth(period: SlicePeriod): number {
  const width = PERIOD_MS[period];
  if (!width) {
    throw new ObservatoryValidationError('query', [
      { field: 'period', value: period, message: 'expected hour or day' },
    ]);
  }
  return width;
}

function whereHours(query: Knex.QueryBuilder, range: SliceRange): void {
  if (range.from) query.where('hour_start', '>=', Math.floor(range.from.getTime() / 3_600_000) * 3_600_000);
  if (range.to) query.where('hour_start', '<', range.to.getTime());
}

function toKey(row: Record<string, unknown>): SliceKey {
  return {
    period: toNumber(row.period),
    projectName: String(row.project_name),
    provider: String(row.model_provider),
    modelName: String(row.model_name),
    agentName: String(row.agent_name ?? ''),
    operationName: String(row.operation_name ?? ''),
  };
}
