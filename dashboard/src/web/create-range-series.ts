import { type Accessor, createMemo } from 'solid-js';
import { useAppState } from './app-state.js';
import { type SeriesPoint, toMetricSeries } from './charts/to-time-series.js';

/** A measure drawn as one series: its name and its value at a point (null for a gap). */
export interface Metric<P> {
  name: string;
  value: (point: P) => number | null;
}

/**
 * `toMetricSeries` over the buckets of the selected range (an hour for 24h, else a day),
 * recomputed when the points or the range change. Buckets without a point get `fill` (0).
 */
export function createRangeSeries<P extends SeriesPoint>(
  points: Accessor<readonly P[]>,
  metrics: ReadonlyArray<Metric<P>>,
  fill?: number | null,
): Accessor<Array<{ name: string; data: Array<[number, number | null]> }>> {
  const state = useAppState();
  return createMemo(() => toMetricSeries(points(), metrics, { stepMs: state.stepMs(), fill }));
}
