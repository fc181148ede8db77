import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createRangeSeries, type Metric } from '../../create-range-series.js';
import { formatDuration } from '../../format.js';

const LATENCY: ReadonlyArray<Metric<TimeSeriesPoint>> = [
  { name: 'Avg latency', value: (p) => (p.totalCalls ? p.avgLatencyMs : null) },
  { name: 'Avg time to first token', value: (p) => p.avgTtftMs },
];

const OPTIONS = timeSeriesOptions({
  format: formatDuration,
  tooltip: formatDuration,
  colors: [COLORS.amber, COLORS.green],
});

/** Average latency and time to first token per period; gaps where there were no calls. */
export function LatencyTrendPanel(props: { points: TimeSeriesPoint[] }) {
  const series = createRangeSeries(() => props.points, LATENCY, null);
  return (
    <Panel title="Latency" hint="Average per period">
      <ApexChart name="latency-trend" type="line" height={260} series={series()} options={OPTIONS} />
    </Panel>
  );
}
