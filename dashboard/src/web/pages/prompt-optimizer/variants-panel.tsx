import { Show } from 'solid-js';
import type { PromptsResponse } from '../../../shared/api-types.js';
import { CiBar, formatEstimate } from '../../components/ci-bar.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost, formatDuration, formatInteger, formatPercent, formatPValue } from '../../format.js';

/** The variants of one prompt against its baseline: judge score, cost, tokens, latency, errors. A click selects one. */
export function VariantsPanel(props: {
  prompt: PromptsResponse['prompts'][number];
  /** Tagged calls in the sample. */
  sampleSize: number;
  selected: string;
  onSelect: (variant: string) => void;
}) {
  return (
    <Panel
      title={`Variants of “${props.prompt.promptId}”`}
      hint={`Baseline: ${props.prompt.baseline} (first seen). Newest ${formatInteger(props.sampleSize)} tagged calls.`}
      flush
    >
      <DataTable
        rows={props.prompt.variants}
        attributes={{ 'data-variants': '' }}
        onRowClick={(v) => props.onSelect(v.variant)}
        rowStyle={(v) => (v.variant === props.selected ? { background: 'var(--accent-soft)' } : {})}
        columns={[
          {
            header: 'Variant',
            cell: (v) => (
              <>
                <strong>{v.variant}</strong>
                <Show when={v.variant === props.prompt.baseline}>
                  {' '}
                  <span class="badge gray">baseline</span>
                </Show>
              </>
            ),
          },
          { header: 'Calls', align: 'right', cell: (v) => formatInteger(v.calls) },
          { header: 'Judge [95% CI]', align: 'right', cell: (v) => formatEstimate(v.score) },
          { header: 'Interval', style: { width: '140px' }, cell: (v) => <CiBar estimate={v.score} /> },
          { header: 'n', align: 'right', class: 'faint', cell: (v) => formatInteger(v.judged) },
          {
            header: 'vs baseline',
            align: 'right',
            cell: (v) => (
              <Show when={v.vsBaseline} fallback={<span class="faint">—</span>}>
                {(t) => (
                  <span
                    class={t().pValue < 0.05 ? (t().difference > 0 ? 'badge green' : 'badge red') : 'badge gray'}
                    title={`95% CI ${t().low.toFixed(2)} to ${t().high.toFixed(2)}`}
                  >
                    {t().difference >= 0 ? '+' : ''}
                    {t().difference.toFixed(2)} · {formatPValue(t().pValue)}
                  </span>
                )}
              </Show>
            ),
          },
          { header: 'Cost / call', align: 'right', cell: (v) => formatCost(v.cost.mean) },
          {
            header: 'Tokens in/out',
            align: 'right',
            cell: (v) => (
              <>
                {formatCompact(v.promptTokens)} / {formatCompact(v.completionTokens)}
              </>
            ),
          },
          { header: 'p95 latency', align: 'right', cell: (v) => formatDuration(v.latency.p95) },
          { header: 'Errors', align: 'right', cell: (v) => formatPercent(v.errorRate.rate) },
        ]}
      />
    </Panel>
  );
}
