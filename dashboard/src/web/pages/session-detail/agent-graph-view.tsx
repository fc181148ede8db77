import { createMemo, For } from 'solid-js';
import type { AgentGraph } from '../../../shared/api-types.js';
import { formatCost, formatDuration, formatInteger } from '../../format.js';

const SIZE = 460;
const RADIUS = 160;
const NODE_RADIUS = 40;

/**
 * The agents as nodes on a circle, hand-offs as arrows (A→B and B→A bent apart), an agent
 * that ran again right after itself as a loop above its node. Labels: times, cost.
 */
export function AgentGraphView(props: { graph: AgentGraph }) {
  const layout = createMemo(() => {
    const nodes = props.graph.nodes;
    const position = new Map<string, { x: number; y: number }>();
    nodes.forEach((node, i) => {
      const angle = nodes.length === 1 ? -Math.PI / 2 : (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      const r = nodes.length === 1 ? 0 : RADIUS;
      position.set(node.agentName, { x: SIZE / 2 + r * Math.cos(angle), y: SIZE / 2 + 10 + r * Math.sin(angle) });
    });
    const edges = props.graph.edges.map((edge) => {
      const from = position.get(edge.from) ?? { x: 0, y: 0 };
      const to = position.get(edge.to) ?? { x: 0, y: 0 };
      if (edge.from === edge.to) {
        const top = from.y - NODE_RADIUS;
        return {
          edge,
          path: `M ${from.x - 12} ${top + 2} C ${from.x - 40} ${top - 50}, ${from.x + 40} ${top - 50}, ${from.x + 12} ${top + 2}`,
          labelX: from.x + 34,
          labelY: top - 26,
          anchor: 'start' as const,
        };
      }
      // Shorten to the node rims and bend to the right of the direction of travel.
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const length = Math.hypot(dx, dy) || 1;
      const ux = dx / length;
      const uy = dy / length;
      const start = { x: from.x + ux * NODE_RADIUS, y: from.y + uy * NODE_RADIUS };
      const end = { x: to.x - ux * (NODE_RADIUS + 4), y: to.y - uy * (NODE_RADIUS + 4) };
      const bend = { x: (start.x + end.x) / 2 - uy * 28, y: (start.y + end.y) / 2 + ux * 28 };
      return {
        edge,
        path: `M ${start.x} ${start.y} Q ${bend.x} ${bend.y} ${end.x} ${end.y}`,
        labelX: bend.x,
        labelY: bend.y,
        anchor: 'middle' as const,
      };
    });
    return { position, edges };
  });
  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE + 20}`}
      width="100%"
      class="agent-graph"
      role="img"
      aria-label="Agent graph"
      data-agent-graph
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
        </marker>
      </defs>
      <For each={layout().edges}>
        {(edge) => (
          <g data-edge={`${edge.edge.from}>${edge.edge.to}`}>
            <path d={edge.path} class="edge" marker-end="url(#arrow)" />
            <text x={edge.labelX} y={edge.labelY} class="edge-label" text-anchor={edge.anchor}>
              {`${formatInteger(edge.edge.count)}× · ${formatCost(edge.edge.cost)}`}
            </text>
          </g>
        )}
      </For>
      <For each={props.graph.nodes}>
        {(node) => {
          const at = () => layout().position.get(node.agentName) ?? { x: 0, y: 0 };
          return (
            <g data-agent-node={node.agentName}>
              <title>{`${node.agentName}: ${node.calls} calls, ${node.errorCalls} failed, ${formatCost(node.cost)}, ${formatDuration(node.latencyMs)} in calls`}</title>
              <circle
                cx={at().x}
                cy={at().y}
                r={NODE_RADIUS}
                class={node.errorCalls > 0 ? 'node node-failed' : 'node'}
              />
              <text x={at().x} y={at().y - 4} class="node-label" text-anchor="middle">
                {node.agentName.length > 14 ? `${node.agentName.slice(0, 13)}…` : node.agentName}
              </text>
              <text x={at().x} y={at().y + 12} class="node-figure" text-anchor="middle">
                {`${formatInteger(node.calls)} · ${formatCost(node.cost)}`}
              </text>
            </g>
          );
        }}
      </For>
    </svg>
  );
}
