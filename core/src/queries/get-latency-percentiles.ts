import type { Knex } from '@mikro-orm/knex';
import { percentileFromHistogram } from '../latency-buckets.js';
import { type AggregateFilter, toNumber } from './filters.js';
import { latencyHistogramOf, sumLatencyBuckets } from './latency-histogram-sums.js';
import { rollupRows } from './rollup-rows.js';

export interface LatencyPercentiles {
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
}

/**
 * Latency percentiles from the hourly histograms, optionally per group. Interpolated
 * inside a histogram bucket (see latency-buckets.ts), so within ~12% of the exact value.
 */
export async function getLatencyPercentiles(
  knex: Knex,
  filter: AggregateFilter,
  groupColumn?: string,
  options: { perHour?: boolean } = {},
): Promise<Map<string, LatencyPercentiles>> {
  const query = rollupRows(knex, 'calls', filter, { hourly: options.perHour }).select(sumLatencyBuckets(knex));
  if (groupColumn) query.select(knex.raw('?? as grp', [groupColumn])).groupBy(groupColumn);
  if (options.perHour) query.select('hour_start').groupBy('hour_start');
  const rows: Array<Record<string, unknown>> = await query;
  const result = new Map<string, LatencyPercentiles>();
  for (const row of rows) {
    const histogram = latencyHistogramOf(row);
    // No rows match: one row of null sums (no group by), which is no histogram.
    if (histogram.size === 0) continue;
    const grp = groupColumn ? String(row.grp) : '';
    // Per hour, a group is keyed `hour|group` (see hourGroupKey).
    const group = options.perHour ? hourGroupKey(toNumber(row.hour_start), grp) : grp;
    result.set(group, {
      p50LatencyMs: percentileFromHistogram(histogram, 0.5),
      p95LatencyMs: percentileFromHistogram(histogram, 0.95),
      p99LatencyMs: percentileFromHistogram(histogram, 0.99),
    });
  }
  return result;
}

export const NO_PERCENTILES: LatencyPercentiles = { p50LatencyMs: null, p95LatencyMs: null, p99LatencyMs: null };

/** The key of one hour's percentiles of one group in a per-hour result. */
export function hourGroupKey(hourStart: number, group: string): string {
  return `${hourStart}|${group}`;
}
