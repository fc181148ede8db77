import { createMemo } from 'solid-js';
import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { COLORS } from '../../charts/chart-theme.js';
import { shadedHeatmapOptions } from '../../charts/shaded-heatmap-options.js';
import { toWeekdayHourHeatmap } from '../../charts/to-heatmap-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createFilteredResource } from '../../create-filtered-resource.js';

const OPTIONS = shadedHeatmapOptions({
  color: COLORS.cyan,
  radius: 2,
  shadeIntensity: 0.7,
  xLabel: (v) => (Number(v) % 3 === 0 ? v : ''),
});

/** Calls by weekday and hour of day, summed over the range. */
export function WeekdayHourPanel() {
  const state = useAppState();
  const hourly = createFilteredResource<{ points: TimeSeriesPoint[] }>('timeseries', () => ({ interval: 'hour' }));
  const heatmap = createMemo(() =>
    toWeekdayHourHeatmap(hourly.latest?.points ?? [], (p) => p.totalCalls, state.timezone()),
  );
  return (
    <Panel
      title="When calls happen"
      hint={`Calls by weekday and hour (${state.timezone() === 'utc' ? 'UTC' : 'local time'})`}
    >
      <ApexChart name="weekday-hour-heatmap" type="heatmap" height={260} series={heatmap()} options={OPTIONS} />
    </Panel>
  );
}
