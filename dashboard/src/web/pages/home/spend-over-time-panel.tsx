import { createMemo } from 'solid-js';
import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { toStackedSeries } from '../../charts/to-time-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { formatCost, formatModelName } from '../../format.js';

const OPTIONS = timeSeriesOptions({
  format: formatCost,
  tooltip: formatCost,
  stacked: true,
  fadeFrom: 0.45,
});

/** Spend per period, stacked by model. */
export function SpendOverTimePanel() {
  const state = useAppState();
  const byModel = createFilteredResource<{ points: TimeSeriesPoint[] }>('timeseries', () => ({ groupBy: 'model' }));
  const series = createMemo(() =>
    toStackedSeries(byModel.latest?.points ?? [], {
      stepMs: state.stepMs(),
      value: (p) => p.totalCost,
      nameOf: formatModelName,
    }),
  );
  return (
    <Panel title="Spend over time" hint="Stacked by model">
      <ApexChart name="cost-by-model" type="area" height={290} series={series()} options={OPTIONS} />
    </Panel>
  );
}
