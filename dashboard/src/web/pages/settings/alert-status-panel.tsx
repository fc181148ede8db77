import type { Resource } from 'solid-js';
import type { AlertsResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatDateTime } from '../../format.js';

const STATE_BADGE = { firing: 'badge red', ok: 'badge green', error: 'badge amber', off: 'badge gray' } as const;

/** Each rule's state at the last evaluation, and the newest alerts with where they were sent. */
export function AlertStatusPanel(props: { alerts: Resource<AlertsResponse> }) {
  const state = useAppState();
  const latest = () => props.alerts.latest;
  return (
    <Panel
      title="Alert status"
      hint={latest() ? `Last evaluated ${formatDateTime(latest()?.evaluatedAt ?? 0, state.timezone())}` : ''}
      flush
    >
      <AsyncView resource={props.alerts} skeletonHeight={200}>
        {(a) => (
          <>
            <DataTable
              rows={a.rules}
              empty="No rule yet: add one below."
              attributes={{ 'data-alert-rules-state': '' }}
              columns={[
                { cell: (rule) => rule.name },
                { class: 'faint', cell: (rule) => rule.kind },
                {
                  cell: (rule) => (
                    <span class={STATE_BADGE[rule.state]}>
                      {rule.state === 'firing' && rule.firing > 1 ? `firing ×${rule.firing}` : rule.state}
                    </span>
                  ),
                },
                { class: 'muted', cell: (rule) => rule.message ?? '' },
              ]}
            />
            <div class="panel-body">
              <strong>History</strong>
            </div>
            <DataTable
              rows={a.events.slice(0, 10)}
              empty="No alert has fired yet."
              attributes={{ 'data-alert-events': '' }}
              columns={[
                { class: 'faint', cell: (event) => formatDateTime(Date.parse(event.startedAt), state.timezone()) },
                {
                  cell: (event) => (
                    <span class={event.status === 'firing' ? 'badge red' : 'badge gray'}>{event.status}</span>
                  ),
                },
                {
                  class: 'muted',
                  cell: (event) => (event.link ? <a href={event.link}>{event.message}</a> : event.message),
                },
                {
                  class: 'faint',
                  cell: (event) => event.deliveries.map((d) => `${d.channelId}: ${d.status}`).join(', '),
                },
              ]}
            />
          </>
        )}
      </AsyncView>
    </Panel>
  );
}
