import type { Resource } from 'solid-js';
import type { AlertsResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatDateTime } from '../../format.js';

/** Each alert check's state, and the newest alerts that fired. */
export function AlertStatusPanel(props: { alerts: Resource<AlertsResponse> }) {
  const state = useAppState();
  const latest = () => props.alerts.latest;
  return (
    <Panel
      title="Alert status"
      hint={latest() ? `Last checked ${formatDateTime(latest()?.evaluatedAt ?? 0, state.timezone())}` : ''}
      flush
    >
      <AsyncView resource={props.alerts} skeletonHeight={200}>
        {(a) => (
          <>
            <DataTable
              rows={a.checks}
              attributes={{ 'data-alert-checks': '' }}
              columns={[
                { cell: (check) => check.label },
                {
                  cell: (check) => (
                    <span
                      class={
                        check.state === 'firing' ? 'badge red' : check.state === 'ok' ? 'badge green' : 'badge gray'
                      }
                    >
                      {check.state}
                    </span>
                  ),
                },
                { class: 'muted', cell: (check) => check.message },
              ]}
            />
            <div class="panel-body">
              <strong>History</strong>
            </div>
            <DataTable
              rows={a.events.slice(0, 8)}
              empty="No alert has fired yet."
              columns={[
                { class: 'faint', cell: (event) => formatDateTime(Date.parse(event.startedAt), state.timezone()) },
                {
                  cell: (event) => (
                    <span class={event.status === 'firing' ? 'badge red' : 'badge gray'}>{event.status}</span>
                  ),
                },
                { class: 'muted', cell: (event) => event.message },
                { class: 'faint', cell: (event) => (event.webhookStatus ? `webhook ${event.webhookStatus}` : '') },
              ]}
            />
          </>
        )}
      </AsyncView>
    </Panel>
  );
}
