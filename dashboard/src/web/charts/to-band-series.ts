/** A line with a shaded band around it (forecast range, confidence interval) for ApexCharts rangeArea + line combos. */
type BandSeries = Array<
  | { name: string; type: 'rangeArea'; data: Array<{ x: number; y: [number, number] }> }
  | { name: string; type: 'line'; data: Array<{ x: number; y: number | null }> }
>;

export interface BandPoint {
  time: number;
  value: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Observed values as one line, and (optionally) a projection as a second line with its
 * band; the projection starts at the last observed point so the two lines join.
 */
export function toBandSeries(
  observed: readonly BandPoint[],
  projected: readonly BandPoint[] = [],
  names: { observed: string; projected?: string; band: string } = {
    observed: 'Observed',
    projected: 'Forecast',
    band: '95% range',
  },
): BandSeries {
  const bandSource = projected.length > 0 ? projected : observed;
  const band = bandSource
    .filter((p) => p.low !== null && p.high !== null)
    .map((p) => ({ x: p.time, y: [round(p.low as number), round(p.high as number)] as [number, number] }));
  const series: BandSeries = [
    { name: names.band, type: 'rangeArea', data: band },
    {
      name: names.observed,
      type: 'line',
      data: observed.map((p) => ({ x: p.time, y: p.value === null ? null : round(p.value) })),
    },
  ];
  if (projected.length > 0) {
    const last = observed[observed.length - 1];
    const joined = last ? [{ x: last.time, y: last.value === null ? null : round(last.value) }] : [];
    series.push({
      name: names.projected ?? 'Forecast',
      type: 'line',
      data: [...joined, ...projected.map((p) => ({ x: p.time, y: p.value === null ? null : round(p.value) }))],
    });
  }
  return series;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
