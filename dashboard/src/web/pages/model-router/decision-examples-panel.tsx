import { A } from '@solidjs/router';
import type { RouterResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatAgo, formatCost, formatModelName } from '../../format.js';

/** The newest routing decisions: chosen model, the alternatives with their scores, the reasoning. */
export function DecisionExamplesPanel(props: { router: RouterResponse }) {
  const state = useAppState();
  return (
    <Panel title="Decision examples" hint="Newest routing decisions; open one for the call and its run" flush>
      <DataTable
        rows={props.router.examples.slice(0, 12)}
        columns={[
          {
            header: 'When',
            class: 'nowrap',
            cell: (e) => (
              <A href={`/calls/${encodeURIComponent(e.id)}`} title="Open the call">
                {formatAgo(e.timestamp, state.now())}
              </A>
            ),
          },
          { header: 'Agent', cell: (e) => e.agentName ?? '—' },
          {
            header: 'Chosen',
            cell: (e) => <span class="badge">{formatModelName(e.decision?.chosenModel)}</span>,
          },
          {
            header: 'Alternatives (scores)',
            class: 'muted',
            cell: (e) =>
              (e.decision?.alternativeModels ?? [])
                .map((m) => `${formatModelName(m)} (${(e.decision?.modelScores[m] ?? 0).toFixed(2)})`)
                .join(', ') || '—',
          },
          {
            header: 'Reasoning',
            class: 'truncate muted',
            style: { 'max-width': '360px' },
            cell: (e) => e.decision?.reasoning ?? '',
          },
          {
            header: 'Saved',
            align: 'right',
            cell: (e) => formatCost(e.decision?.estimatedCostSavings ?? 0),
          },
          { header: 'Judge', align: 'right', cell: (e) => e.judgeScore ?? '—' },
        ]}
      />
    </Panel>
  );
}
