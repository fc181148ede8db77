import type { Resource } from 'solid-js';
import { Show } from 'solid-js';
import type { BreakdownRow } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Meter } from '../../components/meter.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost, formatDuration, formatInteger, formatPercent, formatScore } from '../../format.js';

/** Every model or agent with its totals; columns sort on a click. */
export function BreakdownTablePanel(props: {
  by: 'model' | 'agent';
  rows: Resource<{ rows: BreakdownRow[] }>;
  nameOf: (key: string) => string;
}) {
  return (
    <Panel title={props.by === 'model' ? 'Models' : 'Agents'} flush>
      <AsyncView resource={props.rows} skeletonHeight={240}>
        {(data) => (
          <DataTable
            rows={data.rows}
            columns={[
              {
                header: props.by === 'model' ? 'Model' : 'Agent',
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
              { header: 'p95', figure: (r) => r.p95LatencyMs, format: formatDuration },
              { header: 'Errors', figure: (r) => r.errorRate, format: formatPercent },
              { header: 'Judge', figure: (r) => r.avgJudgeScore, format: formatScore },
            ]}
          />
        )}
      </AsyncView>
    </Panel>
  );
}
