import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createRangeSeries, type Metric } from '../../create-range-series.js';
import { formatCompact } from '../../format.js';

const TOKENS: ReadonlyArray<Metric<TimeSeriesPoint>> = [
  { name: 'Input tokens', value: (p) => p.promptTokens },
  { name: 'Output tokens', value: (p) => p.completionTokens },
];

const OPTIONS = timeSeriesOptions({
  format: formatCompact,
  stacked: true,
  colors: [COLORS.indigo, COLORS.cyan],
  fadeFrom: 0.4,
});

/** Input and output tokens per period, stacked. */
export function TokensTrendPanel(props: { points: TimeSeriesPoint[] }) {
  const series = createRangeSeries(() => props.points, TOKENS);
  return (
    <Panel title="Tokens" hint="Input (incl. cached) and output per period">
      <ApexChart name="tokens-trend" type="area" height={260} series={series()} options={OPTIONS} />
    </Panel>
  );
}
