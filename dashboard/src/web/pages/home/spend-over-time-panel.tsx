import { createMemo } from 'solid-js';
import type { AnomalyMarker, TimeSeriesPoint } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { mergeOptions } from '../../charts/merge-options.js';
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

/** Spend per period, stacked by model, with a marker where a model's hourly cost was anomalous. */
export function SpendOverTimePanel(props: { anomalies: AnomalyMarker[] }) {
  const state = useAppState();
  const byModel = createFilteredResource<{ points: TimeSeriesPoint[] }>('timeseries', () => ({ groupBy: 'model' }));
  const series = createMemo(() =>
    toStackedSeries(byModel.latest?.points ?? [], {
      stepMs: state.stepMs(),
      value: (p) => p.totalCost,
      nameOf: formatModelName,
    }),
  );
  const options = createMemo(() => {
    const markers = props.anomalies.filter((a) => a.metric === 'cost' && a.direction === 'spike');
    return mergeOptions(OPTIONS as Record<string, unknown>, {
      annotations: {
        xaxis: markers.map((a) => ({
          x: Math.floor(a.hourStart / state.stepMs()) * state.stepMs(),
          borderColor: 'var(--red)',
          strokeDashArray: 3,
          label: { text: `${formatModelName(a.series)} cost`, style: { background: 'var(--red)', color: '#fff' } },
        })),
      },
    });
  });
  return (
    <Panel title="Spend over time" hint="Stacked by model; red lines mark cost anomalies">
      <ApexChart name="cost-by-model" type="area" height={290} series={series()} options={options()} />
    </Panel>
  );
}
