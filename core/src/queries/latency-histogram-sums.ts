import type { Knex } from '@mikro-orm/knex';
import { LATENCY_BUCKET_COLUMNS } from '../store/rollup-fields.js';
import { toNumber } from './filters.js';

/** The selects summing every latency bucket column of the rollup rows, each as its column's name. */
export function sumLatencyBuckets(knex: Knex): Knex.Raw[] {
  return LATENCY_BUCKET_COLUMNS.map((column) => knex.raw('sum(??) as ??', [column, column]));
}

/** The histogram of a row those selects summed: bucket index → calls, for the buckets with calls. */
export function latencyHistogramOf(row: Record<string, unknown>): Map<number, number> {
  const histogram = new Map<number, number>();
  LATENCY_BUCKET_COLUMNS.forEach((column, bucket) => {
    const calls = toNumber(row[column]);
    if (calls !== 0) histogram.set(bucket, calls);
  });
  return histogram;
}
