/**
 * Upper bounds (ms, exclusive) of the latency histogram kept on each call rollup row
 * (`latency_bucket_N`, see LATENCY_BUCKET_COLUMNS).
 * Roughly 1.25× apart, so a percentile interpolated inside a bucket is within ~12% of the
 * exact value; the last bucket is open-ended.
 */
export const LATENCY_BUCKET_BOUNDS_MS = [
  10, 25, 50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 600, 750, 1000, 1250, 1500, 2000, 2500, 3000, 4000, 5000,
  6000, 7500, 10_000, 12_500, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000, 90_000, 120_000, 180_000, 300_000,
  600_000,
] as const;

/** Index of the bucket holding `latencyMs`. */
export function latencyBucket(latencyMs: number): number {
  const bounds = LATENCY_BUCKET_BOUNDS_MS;
  let low = 0;
  let high: number = bounds.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (latencyMs < bounds[mid]) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The lowest latency a call can have had for a histogram percentile to read `readMs`: the
 * lower bound of the bucket it was interpolated in (at a bound, of the bucket below, whose top
 * reads the same).
 */
export function lowestLatencyReading(readMs: number): number {
  let lowest = 0;
  for (const bound of LATENCY_BUCKET_BOUNDS_MS) {
    if (bound >= readMs) break;
    lowest = bound;
  }
  return lowest;
}

/**
 * The q-quantile (0..1) of a histogram given as bucket index → count, by linear
 * interpolation inside the bucket that holds it. Returns null for an empty histogram.
 */
export function percentileFromHistogram(counts: ReadonlyMap<number, number>, q: number): number | null {
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  for (const bucket of buckets) {
    const n = counts.get(bucket) ?? 0;
    if (seen + n >= rank && n > 0) {
      const lower = bucket === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[bucket - 1];
      const upper = LATENCY_BUCKET_BOUNDS_MS[bucket] ?? lower * 1.5;
      return lower + ((rank - seen) / n) * (upper - lower);
    }
    seen += n;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1];
}
