import type { AgentGraph } from '../../../shared/api-types.js';
import { DataTable } from '../../components/data-table.js';
import { formatCompact, formatCost, formatDuration, formatInteger } from '../../format.js';

/** The graph's nodes as figures: calls, failures, tokens, cost and time per agent, costliest first. */
export function AgentTable(props: { graph: AgentGraph }) {
  const rows = () => [...props.graph.nodes].sort((a, b) => b.cost - a.cost);
  return (
    <DataTable
      rows={rows()}
      rowAttributes={(node) => ({ 'data-agent-row': node.agentName })}
      columns={[
        { header: 'Agent', cell: (node) => node.agentName },
        { header: 'Calls', figure: (node) => node.calls, format: formatInteger },
        { header: 'Failed', figure: (node) => node.errorCalls, format: formatInteger },
        { header: 'Tokens', figure: (node) => node.tokens, format: formatCompact },
        { header: 'Cost', figure: (node) => node.cost, format: formatCost },
        { header: 'Time in calls', figure: (node) => node.latencyMs, format: formatDuration },
      ]}
    />
  );
}
