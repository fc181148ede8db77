import { For } from 'solid-js';
import type { SessionDetailResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { KpiCard } from '../../components/kpi-card.js';
import { formatCompact, formatCost, formatDuration, formatInteger, formatPercent } from '../../format.js';
import { sessionDurationMs, sessionStatus } from '../sessions/session-status-badge.js';

/** The run in figures, every one summed over all its calls (never over the page shown). */
export function SessionKpis(props: { detail: SessionDetailResponse }) {
  const state = useAppState();
  const cards = () => {
    const { session, totals, context } = props.detail;
    const savings = context.reduce((sum, step) => sum + (step.cacheSavings ?? 0), 0);
    const repeated = context.reduce((sum, step) => sum + step.repeatedTokens, 0);
    return [
      {
        label: 'Status',
        value: sessionStatus(session),
        foot: session.error ?? `${formatInteger(totals.errorCalls)} failed call(s)`,
      },
      {
        label: 'Duration',
        value: formatDuration(sessionDurationMs(session, state.now())),
        foot: `${formatDuration(totals.latencyMs)} in calls`,
      },
      { label: 'Calls', value: formatInteger(totals.calls), foot: `${props.detail.graph.nodes.length} agent(s)` },
      {
        label: 'Tokens',
        value: formatCompact(totals.totalTokens),
        foot: `${formatCompact(totals.promptTokens)} in · ${formatPercent(totals.promptTokens ? totals.cachedPromptTokens / totals.promptTokens : 0)} cached`,
      },
      {
        label: 'Cost',
        value: formatCost(totals.totalCost),
        foot: `${formatCost(totals.calls ? totals.totalCost / totals.calls : 0)} per call`,
      },
      {
        label: 'Context re-sent',
        value: `≈${formatCompact(repeated)} tokens`,
        foot:
          props.detail.calls.length < totals.calls
            ? `steps shown: caching would save ${formatCost(savings)}`
            : `caching would save ${formatCost(savings)}`,
      },
    ];
  };
  return (
    <div class="grid kpis">
      <For each={cards()}>{(card) => <KpiCard label={card.label} value={card.value} foot={card.foot} />}</For>
    </div>
  );
}
