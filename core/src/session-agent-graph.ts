import type { SessionStep } from './queries/get-session-steps.js';

/** Calls without an agent are drawn under this name. */
export const NO_AGENT = '(no agent)';

export interface AgentNode {
  agentName: string;
  calls: number;
  errorCalls: number;
  /** Dollars. */
  cost: number;
  latencyMs: number;
  tokens: number;
}

/** Control passed from one agent to the next (from = to: the agent ran again, a loop). */
export interface AgentHandOff {
  from: string;
  to: string;
  count: number;
  /** Cost and latency of the calls the hand-off led to. */
  cost: number;
  latencyMs: number;
}

export interface AgentGraph {
  nodes: AgentNode[];
  edges: AgentHandOff[];
}

/**
 * The agents of a session and the hand-offs between them, from what was recorded: a call's
 * predecessor is its `parentId` when that call is in the session (LangGraph subgraphs,
 * nested agents), otherwise the call before it in time. Each step that follows another
 * counts one hand-off from the predecessor's agent to its own; repeats form loops.
 */
export function buildAgentGraph(steps: SessionStep[]): AgentGraph {
  const agentOf = new Map<string, string>();
  const nodes = new Map<string, AgentNode>();
  const edges = new Map<string, AgentHandOff>();
  let previous: SessionStep | undefined;
  for (const step of steps) {
    const agent = step.agentName ?? NO_AGENT;
    agentOf.set(step.id, agent);
    const node = nodes.get(agent) ?? { agentName: agent, calls: 0, errorCalls: 0, cost: 0, latencyMs: 0, tokens: 0 };
    node.calls += 1;
    node.errorCalls += step.failed ? 1 : 0;
    node.cost += step.totalCost;
    node.latencyMs += step.latencyMs;
    node.tokens += step.totalTokens;
    nodes.set(agent, node);
    const from = (step.parentId && agentOf.get(step.parentId)) || (previous && agentOf.get(previous.id));
    if (from) {
      const key = `${from}\u0000${agent}`;
      const edge = edges.get(key) ?? { from, to: agent, count: 0, cost: 0, latencyMs: 0 };
      edge.count += 1;
      edge.cost += step.totalCost;
      edge.latencyMs += step.latencyMs;
      edges.set(key, edge);
    }
    previous = step;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
