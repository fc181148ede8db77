import type { CallRecord, SessionTimeline, StepContext } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import {
  formatClock,
  formatCost,
  formatDuration,
  formatInteger,
  formatModelName,
  formatPercent,
} from '../../format.js';

export interface StepRow {
  call: CallRecord;
  context: StepContext | undefined;
  /** Position in the whole session (1-based) and nesting depth under parentId. */
  number: number;
  depth: number;
}

/** Deeper nesting is drawn at this depth, so a long chain of calls keeps the table readable. */
const MAX_DEPTH = 10;

/** How deep each call sits under its recorded parents (calls whose parent is not stored sit at the top). */
export function stepDepths(timeline: SessionTimeline): number[] {
  const depths: number[] = [];
  // A parent always starts no later than its child, so it comes first in time order; the
  // guard keeps a parent recorded later (clock skew) at depth 0 instead of reading ahead.
  timeline.parent.forEach((parent, i) => {
    depths.push(parent >= 0 && parent < i ? Math.min(depths[parent] + 1, MAX_DEPTH) : 0);
  });
  return depths;
}

/** Per step: tokens by kind, cost, latency and the context it re-sends; a click opens the call. */
export function StepsTable(props: { rows: StepRow[]; onOpen: (callId: string) => void }) {
  const state = useAppState();
  return (
    <DataTable
      rows={props.rows}
      onRowClick={(row) => props.onOpen(row.call.id)}
      rowAttributes={(row) => ({ 'data-step-row': row.call.id })}
      columns={[
        {
          header: '#',
          class: 'faint nowrap',
          cell: (row) => (
            <>
              {row.number}
              <div style={{ 'font-size': '11px' }}>{formatClock(Date.parse(row.call.timestamp), state.timezone())}</div>
            </>
          ),
        },
        {
          header: 'Agent',
          class: 'nowrap',
          cell: (row) => (
            <span style={{ 'padding-left': `${row.depth * 14}px` }}>
              {row.depth > 0 ? '↳ ' : ''}
              {row.call.agentName ?? '—'}
            </span>
          ),
        },
        { header: 'Model', class: 'nowrap', cell: (row) => formatModelName(row.call.modelName) },
        {
          header: 'Status',
          class: 'nowrap',
          cell: (row) =>
            row.call.error ? (
              <span class="badge red" title={row.call.error}>
                error
              </span>
            ) : (
              <span class="badge green">{row.call.finishReason ?? 'ok'}</span>
            ),
        },
        { header: 'Input', align: 'right', cell: (row) => formatInteger(row.call.promptTokens) },
        { header: 'Cached', align: 'right', cell: (row) => formatInteger(row.call.cachedPromptTokens) },
        { header: 'Cache wr.', align: 'right', cell: (row) => formatInteger(row.call.cacheWriteTokens) },
        { header: 'Output', align: 'right', cell: (row) => formatInteger(row.call.completionTokens) },
        { header: 'Reason.', align: 'right', cell: (row) => formatInteger(row.call.reasoningTokens) },
        { header: 'Cost', align: 'right', cell: (row) => formatCost(row.call.totalCost) },
        { header: 'Latency', align: 'right', cell: (row) => formatDuration(row.call.latencyMs) },
        {
          header: 'Re-sent',
          align: 'right',
          title: (row) =>
            row.context
              ? `${formatInteger(row.context.repeatedChars)} of ${formatInteger(row.context.promptChars)} prompt characters repeat this agent's previous prompt (≈${formatInteger(row.context.repeatedTokens)} tokens)`
              : '',
          // What prompt caching would save on it, under the share: one column fewer keeps the table in its panel.
          cell: (row) =>
            row.context && row.context.promptChars > 0 ? (
              <>
                {formatPercent(row.context.repeatedChars / row.context.promptChars, 0)}
                {row.context.cacheSavings ? (
                  <div class="faint" style={{ 'font-size': '11px' }}>
                    saves {formatCost(row.context.cacheSavings)}
                  </div>
                ) : null}
              </>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
