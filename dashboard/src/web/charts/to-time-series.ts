/** A point of an API time series: its bucket start (epoch ms), optional group key and measures. */
export interface SeriesPoint {
  time: number;
  key?: string;
}

interface XYSeries {
  name: string;
  data: Array<[number, number]>;
}

interface StackOptions<P> {
  /** Width of a bucket, ms (hour, day, week). */
  stepMs: number;
  /** First and last bucket to show; defaults to the points' own span. Gaps become zeros. */
  from?: number;
  to?: number;
  /** Groups beyond this many (by total) are summed into "Other". Default 6. */
  top?: number;
  /** Display name of a group key. */
  nameOf?: (key: string) => string;
  value: (point: P) => number;
}

/** Bucket starts from `from` to `to` inclusive, aligned to `stepMs`. */
export function bucketTimes(from: number, to: number, stepMs: number): number[] {
  const times: number[] = [];
  const start = Math.floor(from / stepMs) * stepMs;
  for (let t = start; t <= to && times.length < 5000; t += stepMs) times.push(t);
  return times;
}

/**
 * Points grouped by key into one series per group (the `top` largest, the rest as
 * "Other"), each filled with zeros where a bucket had no calls, so stacks line up.
 */
export function toStackedSeries<P extends SeriesPoint>(points: readonly P[], options: StackOptions<P>): XYSeries[] {
  if (points.length === 0) return [];
  const top = options.top ?? 6;
  const totals = new Map<string, number>();
  for (const point of points) totals.set(point.key ?? '', (totals.get(point.key ?? '') ?? 0) + options.value(point));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
  const kept = new Set(ranked.slice(0, top));
  const hasOther = ranked.length > top;
  const times = bucketTimes(
    options.from ?? Math.min(...points.map((p) => p.time)),
    options.to ?? Math.max(...points.map((p) => p.time)),
    options.stepMs,
  );
  const index = new Map(times.map((t, i) => [t, i]));
  const names = [...ranked.slice(0, top), ...(hasOther ? ['\u0000other'] : [])];
  const values = new Map(names.map((name) => [name, new Array<number>(times.length).fill(0)]));
  for (const point of points) {
    const i = index.get(Math.floor(point.time / options.stepMs) * options.stepMs);
    if (i === undefined) continue;
    const key = point.key ?? '';
    const row = values.get(kept.has(key) ? key : '\u0000other');
    if (row) row[i] += options.value(point);
  }
  return names.map((name) => ({
    name: name === '\u0000other' ? 'Other' : name === '' ? '(none)' : (options.nameOf?.(name) ?? name),
    data: times.map((t, i) => [t, round((values.get(name) as number[])[i])] as [number, number]),
  }));
}

/** Several measures of an ungrouped series, gap-filled, one series per measure. */
export function toMetricSeries<P extends SeriesPoint>(
  points: readonly P[],
  metrics: ReadonlyArray<{ name: string; value: (point: P) => number | null }>,
  options: { stepMs: number; from?: number; to?: number; fill?: number | null },
): Array<{ name: string; data: Array<[number, number | null]> }> {
  if (points.length === 0) return metrics.map((m) => ({ name: m.name, data: [] }));
  const times = bucketTimes(
    options.from ?? Math.min(...points.map((p) => p.time)),
    options.to ?? Math.max(...points.map((p) => p.time)),
    options.stepMs,
  );
  const byTime = new Map(points.map((p) => [Math.floor(p.time / options.stepMs) * options.stepMs, p]));
  const fill = options.fill === undefined ? 0 : options.fill;
  return metrics.map((metric) => ({
    name: metric.name,
    data: times.map((t) => {
      const point = byTime.get(t);
      const value = point ? metric.value(point) : fill;
      return [t, value === null ? null : round(value)] as [number, number | null];
    }),
  }));
}

/** Keep charts free of float noise (0.30000000000000004). */
function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
