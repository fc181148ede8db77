import { createMemo, Show } from 'solid-js';
import type { RouterResponse } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { scaleHeatmapOptions } from '../../charts/scale-heatmap-options.js';
import { toMatrixHeatmap } from '../../charts/to-heatmap-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { Segmented } from '../../components/tabs.js';
import { formatModelName } from '../../format.js';

type Columns = 'agent' | 'operation';
const COLUMNS: ReadonlyArray<readonly [Columns, string]> = [
  ['agent', 'Agent'],
  ['operation', 'Operation'],
];

const OPTIONS = scaleHeatmapOptions({
  ranges: [
    { from: 0, to: 6, color: COLORS.red, name: 'below 6' },
    { from: 6, to: 7.5, color: COLORS.amber, name: '6 – 7.5' },
    { from: 7.5, to: 10, color: COLORS.green, name: '7.5 and up' },
  ],
  missing: 'no judged calls',
  radius: 3,
  gap: 2,
  label: (v) => v.toFixed(1),
  tooltip: (v) => `mean score ${v.toFixed(2)}`,
  legend: true,
});

/** Mean judge score per chosen model and agent (or operation), in three colour bands. */
export function EffectivenessMatrixPanel(props: {
  router: RouterResponse;
  columns: Columns;
  onColumns: (columns: Columns) => void;
}) {
  const matrix = createMemo(() =>
    toMatrixHeatmap(
      props.router.matrix.filter((c) => c.judge.n > 0).map((c) => ({ ...c, row: c.model })),
      (c) => c.judge.mean,
      { rowName: formatModelName, missing: -1 },
    ),
  );
  return (
    <Panel
      title="Effectiveness matrix"
      hint="Mean judge score per chosen model and column (cells with judged calls)"
      actions={<Segmented options={COLUMNS} value={props.columns} onChange={props.onColumns} label="Columns" />}
    >
      <Show when={matrix().length > 0} fallback={<EmptyNote>No judged calls among routed models yet.</EmptyNote>}>
        <ApexChart name="router-matrix" type="heatmap" height={300} series={matrix()} options={OPTIONS} />
      </Show>
    </Panel>
  );
}
