import type { Knex } from '@mikro-orm/knex';
import { ObservatoryValidationError } from '../observatory-error.js';
import { type AggregateFilter, toNumber } from './filters.js';
import { BREAKDOWN_COLUMNS, type BreakdownDimension } from './get-breakdown.js';
import { getLatencyPercentiles, hourGroupKey } from './get-latency-percentiles.js';
import { rollupRows } from './rollup-rows.js';
import { type CallTotals, selectSums, toCallTotals } from './sum-measures.js';

/** Width of a time-series point. */
export type SeriesInterval = 'hour' | 'day' | 'week';

export const INTERVAL_MS: Record<SeriesInterval, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export interface TimeSeriesPoint extends CallTotals {
  /** Start of the interval, epoch milliseconds (UTC). */
  time: number;
  /** The group's value when split by a dimension. */
  key?: string;
  /** Hourly series asked `withP95` only: the hour's p95 latency from its histogram (null: no calls). */
  p95LatencyMs?: number | null;
  /** Hourly series asked `withP95` only: the hour's median latency from its histogram (null: no calls). */
  p50LatencyMs?: number | null;
}

/**
 * Totals per hour, day or week (UTC), optionally split by a dimension. Intervals with no
 * calls are absent; the caller decides how to draw gaps.
 */
export async function getTimeSeries(
  knex: Knex,
  filter: AggregateFilter & { interval?: SeriesInterval; groupBy?: BreakdownDimension; withP95?: boolean },
): Promise<TimeSeriesPoint[]> {
  const interval = filter.interval ?? 'hour';
  const width = INTERVAL_MS[interval];
  if (!width) {
    throw new ObservatoryValidationError('query', [
      { field: 'interval', value: interval, message: 'expected hour, day or week' },
    ]);
  }
  // Integer division works the same on SQLite and PostgreSQL for these non-negative bigints.
  // `width` comes from the fixed table above, so inlining it is safe, and PostgreSQL needs
  // the GROUP BY expression to be textually the same as the selected one.
  const bucket = `(hour_start / ${width}) * ${width}`;
  const query = rollupRows(knex, 'calls', filter, { hourly: interval === 'hour' })
    .select(knex.raw(`${bucket} as time`), ...selectSums(knex))
    .groupByRaw(bucket)
    .orderBy('time');
  if (filter.groupBy) {
    const column = BREAKDOWN_COLUMNS[filter.groupBy];
    query.select(knex.raw('?? as grp', [column])).groupBy(column);
  }
  const column = filter.groupBy ? BREAKDOWN_COLUMNS[filter.groupBy] : undefined;
  const [rows, latency] = await Promise.all([
    query as Promise<Array<Record<string, unknown>>>,
    filter.withP95 && interval === 'hour' ? getLatencyPercentiles(knex, filter, column, { perHour: true }) : null,
  ]);
  return rows.map((row) => {
    const time = toNumber(row.time);
    const key = filter.groupBy ? String(row.grp ?? '') : undefined;
    const percentiles = latency?.get(hourGroupKey(time, key ?? ''));
    return {
      time,
      ...(key !== undefined ? { key } : {}),
      ...toCallTotals(row),
      ...(latency
        ? { p95LatencyMs: percentiles?.p95LatencyMs ?? null, p50LatencyMs: percentiles?.p50LatencyMs ?? null }
        : {}),
    };
  });
}
