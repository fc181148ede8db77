import type { Resource } from 'solid-js';
import { Show } from 'solid-js';
import type { BreakdownRow } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Meter } from '../../components/meter.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost, formatDuration, formatInteger, formatPercent, formatScore } from '../../format.js';

const TITLES: Record<string, [title: string, header: string]> = {
  model: ['Models', 'Model'],
  agent: ['Agents', 'Agent'],
};

/** Every model, agent or metadata value with its totals; columns sort on a click. */
export function BreakdownTablePanel(props: {
  /** What the rows are: `model`, `agent`, or a metadata key. */
  by: string;
  rows: Resource<{ rows: BreakdownRow[] }>;
  nameOf: (key: string) => string;
}) {
  return (
    <Panel title={TITLES[props.by]?.[0] ?? `Per ${props.by}`} flush>
      <AsyncView resource={props.rows} skeletonHeight={240}>
        {(data) => (
          <DataTable
            rows={data.rows}
            columns={[
              {
                header: TITLES[props.by]?.[1] ?? props.by,
                sortBy: (r) => props.nameOf(r.key),
                cell: (r) => (
                  <>
                    {props.nameOf(r.key)} <Show when={r.provider}>{(p) => <span class="faint">{p()}</span>}</Show>
                  </>
                ),
              },
              { header: 'Calls', figure: (r) => r.totalCalls, format: formatInteger },
              { header: 'Cost', figure: (r) => r.totalCost, format: formatCost },
              {
                header: 'Share',
                cell: (r) => (
                  <Meter
                    percent={r.costShare * 100}
                    width="90px"
                    label={formatPercent(r.costShare)}
                    labelClass="faint"
                  />
                ),
              },
              { header: 'Tokens', figure: (r) => r.totalTokens, format: formatCompact },
              { header: 'Avg latency', figure: (r) => r.avgLatencyMs, format: formatDuration },
              // Metadata rollups keep no latency histogram: no p95 column rather than one of dashes.
              ...(data.rows.some((r) => r.p95LatencyMs !== null)
                ? [{ header: 'p95', figure: (r: BreakdownRow) => r.p95LatencyMs, format: formatDuration }]
                : []),
              { header: 'Errors', figure: (r) => r.errorRate, format: formatPercent },
              { header: 'Judge', figure: (r) => r.avgJudgeScore, format: formatScore },
            ]}
          />
        )}
      </AsyncView>
    </Panel>
  );
}
