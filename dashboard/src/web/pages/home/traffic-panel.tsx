import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createRangeSeries, type Metric } from '../../create-range-series.js';
import { formatCompact } from '../../format.js';

const TRAFFIC: ReadonlyArray<Metric<TimeSeriesPoint>> = [
  { name: 'Succeeded', value: (p) => p.totalCalls - p.errorCalls },
  { name: 'Failed', value: (p) => p.errorCalls },
];

const OPTIONS = timeSeriesOptions({
  format: formatCompact,
  stacked: true,
  colors: [COLORS.indigo, COLORS.red],
  columns: { width: '62%', radius: 2 },
});

/** Calls per period, succeeded and failed stacked. */
export function TrafficPanel(props: { series: TimeSeriesPoint[] | undefined }) {
  const series = createRangeSeries(() => props.series ?? [], TRAFFIC);
  return (
    <Panel title="Traffic" hint="Calls per period, failed ones in red">
      <ApexChart name="traffic" type="bar" height={250} series={series()} options={OPTIONS} />
    </Panel>
  );
}
