import { createMemo } from 'solid-js';
import type { BreakdownRow } from '../../../shared/api-types.js';
import { barOptions } from '../../charts/bar-options.js';
import { COLORS } from '../../charts/chart-theme.js';
import { toBarSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatDuration } from '../../format.js';

/** p50 and p95 latency per model or agent, slowest first. */
export function BreakdownLatencyPanel(props: {
  by: 'model' | 'agent';
  rows: BreakdownRow[];
  nameOf: (key: string) => string;
}) {
  const bars = createMemo(() =>
    toBarSeries(
      [...props.rows].sort((a, b) => (b.p95LatencyMs ?? 0) - (a.p95LatencyMs ?? 0)),
      [
        { name: 'p50', value: (r) => r.p50LatencyMs },
        { name: 'p95', value: (r) => r.p95LatencyMs },
      ],
      { nameOf: props.nameOf },
    ),
  );
  const options = () =>
    barOptions({
      categories: bars().categories,
      colors: [COLORS.cyan, COLORS.amber],
      format: formatDuration,
      size: '60%',
      radius: 2,
    });
  return (
    <Panel title={`Latency by ${props.by}`} hint="p50 and p95 from hourly histograms">
      <ApexChart name={`latency-by-${props.by}`} type="bar" height={280} series={bars().series} options={options()} />
    </Panel>
  );
}
