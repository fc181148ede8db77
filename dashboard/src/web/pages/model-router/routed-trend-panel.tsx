import { createMemo } from 'solid-js';
import type { RouterResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { toStackedSeries } from '../../charts/to-time-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatModelName } from '../../format.js';

const OPTIONS = timeSeriesOptions({
  format: formatCompact,
  stacked: true,
  columns: { width: '72%' },
});

/** Routed calls per period, stacked by chosen model. */
export function RoutedTrendPanel(props: { router: RouterResponse }) {
  const state = useAppState();
  const series = createMemo(() =>
    toStackedSeries(
      props.router.trend.map((p) => ({ ...p, key: p.model })),
      { stepMs: state.stepMs(), value: (p) => p.routedCalls, nameOf: formatModelName },
    ),
  );
  return (
    <Panel title="Routed calls over time" hint="By chosen model">
      <ApexChart name="router-trend" type="bar" height={280} series={series()} options={OPTIONS} />
    </Panel>
  );
}
