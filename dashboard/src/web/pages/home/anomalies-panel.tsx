import type { Resource } from 'solid-js';
import { ANOMALY_METRIC_NAMES } from '../../../shared/alert-rule.js';
import type { AnomalyMarker } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatDateTime } from '../../format.js';

/** The badge's metric: latency is judged by the p95, or at quiet hours by the median call (the reason says which). */
const BADGE_NAMES = { ...ANOMALY_METRIC_NAMES, p95LatencyMs: 'latency' };

/** An anomaly of a model or of an agent. */
export type SeriesAnomaly = AnomalyMarker & { by: 'model' | 'agent' };

/** The hours a model or an agent was unlike its usual self at that time of day and week, newest first. */
export function AnomaliesPanel(props: { anomalies: Resource<{ items: SeriesAnomaly[] }> }) {
  const state = useAppState();
  return (
    <Panel
      title="Anomalies"
      hint="Each model's and agent's hour against the same hour of past days and weeks (median and MAD), and a rise over a few calls against its own recent calls; alerts come from the anomaly rules"
      flush
    >
      <AsyncView resource={props.anomalies} skeletonHeight={160}>
        {(data) => (
          <DataTable
            rows={data.items.slice(0, 8)}
            empty="Nothing unusual in this range."
            attributes={{ 'data-anomalies': '' }}
            columns={[
              { class: 'faint nowrap', cell: (a) => formatDateTime(a.hourStart, state.timezone()) },
              { class: 'faint', cell: (a) => a.by },
              {
                cell: (a) => (
                  <span class={a.direction === 'spike' ? 'badge red' : 'badge amber'}>
                    {BADGE_NAMES[a.metric]} {a.direction}
                  </span>
                ),
              },
              { class: 'muted', cell: (a) => a.reason },
            ]}
          />
        )}
      </AsyncView>
    </Panel>
  );
}
