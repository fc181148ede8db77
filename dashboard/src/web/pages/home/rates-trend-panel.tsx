import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createRangeSeries, type Metric } from '../../create-range-series.js';

const RATES: ReadonlyArray<Metric<TimeSeriesPoint>> = [
  { name: 'Error rate %', value: (p) => (p.totalCalls ? p.errorRate * 100 : null) },
  { name: 'Cache hit rate %', value: (p) => (p.cacheHitRate === null ? null : p.cacheHitRate * 100) },
];

const OPTIONS = timeSeriesOptions({
  format: (v) => `${v.toFixed(0)}%`,
  tooltip: (v) => `${v.toFixed(1)}%`,
  colors: [COLORS.red, COLORS.green],
  yMin: 0,
});

/** Error rate (of calls) and cache hit rate (of lookups) per period, in percent. */
export function RatesTrendPanel(props: { points: TimeSeriesPoint[] }) {
  const series = createRangeSeries(() => props.points, RATES, null);
  return (
    <Panel title="Error and cache hit rates" hint="Percent of calls / of cache lookups">
      <ApexChart name="rates-trend" type="line" height={260} series={series()} options={OPTIONS} />
    </Panel>
  );
}
