import { createMemo } from 'solid-js';
import type { LiveResponse } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { toMetricSeries } from '../../charts/to-time-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatCompact } from '../../format.js';

const OPTIONS = timeSeriesOptions({
  format: formatCompact,
  colors: [COLORS.indigo, COLORS.red],
  columns: { width: '78%', radius: 2 },
  animate: false,
});

/** Calls and errors per bucket of the window. */
export function ThroughputPanel(props: { data: LiveResponse | undefined }) {
  const series = createMemo(() => {
    const data = props.data;
    if (!data) return [];
    return toMetricSeries(
      data.series,
      [
        { name: 'Calls', value: (p) => p.calls },
        { name: 'Errors', value: (p) => p.errors },
      ],
      { stepMs: data.bucketMs, from: data.from, to: data.now },
    );
  });
  return (
    <Panel title="Throughput" hint="Calls and errors per bucket">
      <ApexChart name="live-throughput" type="bar" height={260} series={series()} options={OPTIONS} />
    </Panel>
  );
}
