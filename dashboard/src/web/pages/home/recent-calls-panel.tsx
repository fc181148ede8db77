import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { CallRecord } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { CallDrawer } from '../../components/call-drawer.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { SessionLink } from '../../components/session-link.js';
import { formatAgo, formatCompact, formatCost, formatDuration, formatModelName } from '../../format.js';

/** The newest calls; a click opens one in full. Stored texts are bound as text. */
export function RecentCallsPanel() {
  const state = useAppState();
  const [calls] = createResource(state.filter, (f) =>
    apiGet<{ items: CallRecord[]; total: number }>('calls', { project: f.project, limit: 10 }),
  );
  const [open, setOpen] = createSignal<string | null>(null);
  return (
    <>
      <Panel
        title="Recent calls"
        hint="Click a call for its prompt and response"
        actions={<A href="/calls">Search all calls →</A>}
        flush
      >
        <AsyncView resource={calls} skeletonHeight={300}>
          {(data) => (
            <DataTable
              rows={data.items}
              onRowClick={(c) => setOpen(c.id)}
              rowAttributes={() => ({ 'data-call-row': '' })}
              columns={[
                { header: 'Time', class: 'faint nowrap', cell: (c) => formatAgo(Date.parse(c.timestamp), state.now()) },
                { header: 'Agent', cell: (c) => c.agentName ?? '—' },
                {
                  header: 'Session',
                  class: 'nowrap',
                  cell: (c) => <SessionLink sessionId={c.sessionId} />,
                },
                { header: 'Model', class: 'nowrap', cell: (c) => formatModelName(c.modelName) },
                { header: 'Prompt', class: 'truncate muted', cell: (c) => c.prompt ?? '' },
                { header: 'Tokens', align: 'right', cell: (c) => formatCompact(c.totalTokens) },
                { header: 'Cost', align: 'right', cell: (c) => formatCost(c.totalCost) },
                { header: 'Latency', align: 'right', cell: (c) => formatDuration(c.latencyMs) },
                {
                  header: 'Status',
                  cell: (c) => (
                    <Show when={c.error} fallback={<span class="badge green">ok</span>}>
                      <span class="badge red" title={c.error ?? ''}>
                        error
                      </span>
                    </Show>
                  ),
                },
              ]}
            />
          )}
        </AsyncView>
      </Panel>
      <Show when={open()}>{(id) => <CallDrawer id={id()} onClose={() => setOpen(null)} />}</Show>
    </>
  );
}
