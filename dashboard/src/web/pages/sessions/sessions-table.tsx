import { A } from '@solidjs/router';
import type { SessionListItem } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import {
  formatCompact,
  formatCost,
  formatDateTime,
  formatDuration,
  formatInteger,
  formatModelName,
} from '../../format.js';
import { SessionStatusBadge, sessionDurationMs } from './session-status-badge.js';

/** Sessions with what their calls add; each opens its detail page. */
export function SessionsTable(props: { sessions: SessionListItem[] }) {
  const state = useAppState();
  return (
    <DataTable
      rows={props.sessions}
      empty="No session matches these filters."
      rowAttributes={(s) => ({ 'data-session-row': s.id })}
      columns={[
        {
          header: 'Started',
          class: 'nowrap',
          cell: (s) => (
            <A href={`/sessions/${encodeURIComponent(s.id)}`} data-session-link>
              {formatDateTime(Date.parse(s.startTime), state.timezone())}
            </A>
          ),
        },
        {
          header: 'Operation',
          class: 'nowrap',
          cell: (s) => (
            <>
              {s.operationType}
              <div class="faint" style={{ 'font-size': '11px' }}>
                {s.projectName}
              </div>
            </>
          ),
        },
        { header: 'Status', cell: (s) => <SessionStatusBadge session={s} /> },
        { header: 'Duration', align: 'right', cell: (s) => formatDuration(sessionDurationMs(s, state.now())) },
        { header: 'Calls', align: 'right', cell: (s) => formatInteger(s.totalLlmCalls) },
        {
          header: 'Agents',
          class: 'truncate',
          style: { 'max-width': '180px' },
          title: (s) => s.calls.agents.join(', '),
          cell: (s) => s.calls.agents.join(', ') || '—',
        },
        {
          header: 'Models',
          class: 'truncate',
          style: { 'max-width': '160px' },
          title: (s) => s.calls.models.join(', '),
          cell: (s) => s.calls.models.map(formatModelName).join(', '),
        },
        {
          header: 'Tokens',
          align: 'right',
          title: (s) =>
            `${formatInteger(s.calls.promptTokens)} in (${formatInteger(s.calls.cachedPromptTokens)} cached) · ${formatInteger(s.calls.completionTokens)} out (${formatInteger(s.calls.reasoningTokens)} reasoning)`,
          cell: (s) => (
            <>
              {formatCompact(s.totalTokens)}
              <div class="faint" style={{ 'font-size': '11px' }}>
                {formatCompact(s.calls.cachedPromptTokens)} cached · {formatCompact(s.calls.reasoningTokens)} reasoning
              </div>
            </>
          ),
        },
        { header: 'Cost', align: 'right', class: 'nowrap', cell: (s) => formatCost(s.totalCost) },
        {
          header: 'Error',
          class: 'truncate',
          style: { 'max-width': '160px' },
          title: (s) => s.error ?? '',
          cell: (s) => s.error ?? (s.calls.errorCalls > 0 ? `${s.calls.errorCalls} failed call(s)` : ''),
        },
      ]}
    />
  );
}
