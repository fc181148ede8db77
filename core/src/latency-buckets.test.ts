import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKET_BOUNDS_MS,
  latencyBucket,
  lowestLatencyReading,
  percentileFromHistogram,
} from './latency-buckets.js';

describe('latency histogram', () => {
  it('puts each latency in the bucket whose upper bound is above it', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(9.9)).toBe(0);
    expect(latencyBucket(10)).toBe(1);
    expect(latencyBucket(999)).toBe(LATENCY_BUCKET_BOUNDS_MS.indexOf(1000));
    expect(latencyBucket(10_000_000)).toBe(LATENCY_BUCKET_BOUNDS_MS.length);
  });

  it('estimates percentiles within the bucket width of the exact value', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => 100 + i * 3); // 100..3097 ms, uniform
    const histogram = new Map<number, number>();
    for (const ms of latencies) histogram.set(latencyBucket(ms), (histogram.get(latencyBucket(ms)) ?? 0) + 1);
    const exactP95 = latencies[Math.ceil(0.95 * latencies.length) - 1];
    const estimate = percentileFromHistogram(histogram, 0.95) ?? Number.NaN;
    expect(Math.abs(estimate - exactP95) / exactP95).toBeLessThan(0.12);
    expect(percentileFromHistogram(new Map(), 0.5)).toBeNull();
  });

  it('gives the lowest latency a call can have had for a percentile to read a value', () => {
    // A call of 30 s sits in the 30–40 s bucket, which reads anywhere from 30 s to 40 s.
    const oneCall = new Map([[latencyBucket(30_000), 1]]);
    const read = percentileFromHistogram(oneCall, 0.95) ?? Number.NaN;
    expect(read).toBeGreaterThan(30_000);
    expect(lowestLatencyReading(read)).toBe(30_000);
    // At a bound, the bucket below reads the same at its top.
    expect(lowestLatencyReading(30_000)).toBe(25_000);
    expect(lowestLatencyReading(5)).toBe(0);
  });
});
