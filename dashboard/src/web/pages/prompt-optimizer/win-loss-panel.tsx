import { createMemo, For, Show } from 'solid-js';
import type { PromptsResponse } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { scaleHeatmapOptions } from '../../charts/scale-heatmap-options.js';
import { toMatrixHeatmap } from '../../charts/to-heatmap-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { formatInteger, formatPValue } from '../../format.js';

const OPTIONS = scaleHeatmapOptions({
  ranges: [
    { from: 0, to: 45, color: COLORS.red },
    { from: 45, to: 55, color: COLORS.gray },
    { from: 55, to: 100, color: COLORS.green },
  ],
  missing: 'same variant',
  radius: 4,
  gap: 3,
  label: (v) => `${v.toFixed(0)}%`,
  tooltip: (v) => `${v}% wins`,
  legend: false,
});

/** How often each variant beat each other over every judged pair (Mann–Whitney), as a heatmap and in words. */
export function WinLossPanel(props: { prompt: PromptsResponse['prompts'][number] }) {
  const heatmap = createMemo(() => {
    const order = props.prompt.variants.map((v) => v.variant);
    return toMatrixHeatmap(props.prompt.pairs, (p) => (p.winRate === null ? null : Math.round(p.winRate * 1000) / 10), {
      rows: order,
      columns: order,
      missing: -1,
    });
  });
  return (
    <Panel
      title="Win/loss heatmap"
      hint="% of judged pairs in which the row variant beat the column variant (ties count half)"
    >
      <Show when={props.prompt.variants.length > 1} fallback={<EmptyNote>Needs two variants.</EmptyNote>}>
        <ApexChart
          name="prompt-heatmap"
          type="heatmap"
          height={Math.max(220, props.prompt.variants.length * 60)}
          series={heatmap()}
          options={OPTIONS}
        />
        <div class="faint" style={{ 'margin-top': '6px' }}>
          <For each={props.prompt.pairs.filter((pair) => pair.row < pair.column)}>
            {(pair) => (
              <div>
                {pair.row} vs {pair.column}: {formatInteger(pair.wins)} wins, {formatInteger(pair.losses)} losses,{' '}
                {formatInteger(pair.ties)} ties over {formatInteger(pair.pairs)} pairs ({formatPValue(pair.pValue)},
                Mann–Whitney)
              </div>
            )}
          </For>
        </div>
      </Show>
    </Panel>
  );
}
