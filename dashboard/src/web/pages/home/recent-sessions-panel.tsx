import { A } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { SessionRecord } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatAgo, formatCost, formatInteger } from '../../format.js';
import { SessionStatusBadge } from '../sessions/session-status-badge.js';

/** The newest sessions of the project (all time; sessions are few next to calls). */
export function RecentSessionsPanel() {
  const state = useAppState();
  const [sessions] = createResource(state.filter, (f) =>
    apiGet<{ items: SessionRecord[] }>('sessions', { project: f.project, limit: 8 }),
  );
  return (
    <Panel
      title="Recent sessions"
      hint="Open a run for its timeline, agent graph and steps"
      actions={<A href="/sessions">All sessions →</A>}
      flush
    >
      <AsyncView resource={sessions} skeletonHeight={250}>
        {(data) => (
          <DataTable
            rows={data.items}
            columns={[
              {
                header: 'Operation',
                cell: (s) => (
                  <A href={`/sessions/${encodeURIComponent(s.id)}`} data-session-link>
                    {s.operationType}
                  </A>
                ),
              },
              { header: 'Project', class: 'muted nowrap', cell: (s) => s.projectName },
              { header: 'Calls', align: 'right', cell: (s) => formatInteger(s.totalLlmCalls) },
              { header: 'Cost', align: 'right', cell: (s) => formatCost(s.totalCost) },
              {
                header: 'Status',
                cell: (s) => <SessionStatusBadge session={s} />,
              },
              {
                header: 'Started',
                align: 'right',
                class: 'faint',
                cell: (s) => formatAgo(Date.parse(s.startTime), state.now()),
              },
            ]}
          />
        )}
      </AsyncView>
    </Panel>
  );
}
