import type { Knex } from '@mikro-orm/knex';
import { percentileFromHistogram } from '../latency-buckets.js';
import { type AggregateFilter, toNumber } from './filters.js';
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
): Promise<Map<string, LatencyPercentiles>> {
  const query = rollupRows(knex, 'latency', filter).select('bucket', knex.raw('sum(calls) as calls')).groupBy('bucket');
  if (groupColumn) query.select(knex.raw('?? as grp', [groupColumn])).groupBy(groupColumn);
  const rows: Array<{ bucket: unknown; calls: unknown; grp?: unknown }> = await query;
  const histograms = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const group = groupColumn ? String(row.grp) : '';
    let histogram = histograms.get(group);
    if (!histogram) {
      histogram = new Map();
      histograms.set(group, histogram);
    }
    histogram.set(toNumber(row.bucket), toNumber(row.calls));
  }
  const result = new Map<string, LatencyPercentiles>();
  for (const [group, histogram] of histograms) {
    result.set(group, {
      p50LatencyMs: percentileFromHistogram(histogram, 0.5),
      p95LatencyMs: percentileFromHistogram(histogram, 0.95),
      p99LatencyMs: percentileFromHistogram(histogram, 0.99),
    });
  }
  return result;
}

export const NO_PERCENTILES: LatencyPercentiles = { p50LatencyMs: null, p95LatencyMs: null, p99LatencyMs: null };
