import type { CallRecord } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import { SessionLink } from '../../components/session-link.js';
import { formatCompact, formatCost, formatDateTime, formatDuration, formatModelName } from '../../format.js';

/** Calls with a preview of their prompt; a click opens one in full, the session link opens its run. */
export function CallsTable(props: { calls: CallRecord[]; onOpen: (callId: string) => void }) {
  const state = useAppState();
  return (
    <DataTable
      rows={props.calls}
      empty="No call matches these filters."
      onRowClick={(call) => props.onOpen(call.id)}
      rowAttributes={(call) => ({ 'data-call-row': call.id })}
      columns={[
        {
          header: 'Time',
          class: 'faint nowrap',
          cell: (c) => formatDateTime(Date.parse(c.timestamp), state.timezone()),
        },
        { header: 'Agent', cell: (c) => c.agentName ?? '—' },
        { header: 'Model', class: 'nowrap', cell: (c) => formatModelName(c.modelName) },
        {
          header: 'Prompt',
          class: 'truncate muted',
          title: (c) => c.prompt ?? '',
          cell: (c) => c.prompt ?? '(not captured)',
        },
        { header: 'Tokens', align: 'right', cell: (c) => formatCompact(c.totalTokens) },
        { header: 'Cost', align: 'right', cell: (c) => formatCost(c.totalCost) },
        { header: 'Latency', align: 'right', cell: (c) => formatDuration(c.latencyMs) },
        {
          header: 'Status',
          cell: (c) =>
            c.error ? (
              <span class="badge red" title={c.error}>
                error
              </span>
            ) : (
              <span class="badge green">ok</span>
            ),
        },
        {
          header: 'Session',
          class: 'nowrap',
          cell: (c) => <SessionLink sessionId={c.sessionId} />,
        },
      ]}
    />
  );
}
