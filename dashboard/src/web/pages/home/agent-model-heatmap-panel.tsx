import { createMemo } from 'solid-js';
import type { CallTotals } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { shadedHeatmapOptions } from '../../charts/shaded-heatmap-options.js';
import { toMatrixHeatmap } from '../../charts/to-heatmap-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { formatCompact, formatModelName } from '../../format.js';

const OPTIONS = shadedHeatmapOptions({
  color: COLORS.indigo,
  radius: 3,
  shadeIntensity: 0.6,
  label: (v) => (v ? formatCompact(v) : ''),
});

/** Calls per agent and model: which agents use which models. */
export function AgentModelHeatmapPanel() {
  const matrix = createFilteredResource<{ cells: Array<CallTotals & { row: string; column: string }> }>(
    'matrix',
    () => ({
      rows: 'agent',
      columns: 'model',
    }),
  );
  const heatmap = createMemo(() =>
    toMatrixHeatmap(matrix.latest?.cells ?? [], (c) => c.totalCalls, { columnName: formatModelName }),
  );
  return (
    <Panel title="Which agents use which models" hint="Calls per agent and model">
      <ApexChart name="agent-model-heatmap" type="heatmap" height={300} series={heatmap()} options={OPTIONS} />
    </Panel>
  );
}
