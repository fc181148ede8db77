/** Where in a graph run a model call ran. */
export interface GraphPosition {
  /**
   * The node of the outermost graph that the call ran under: `researcher` for a call made
   * by the `agent` node of a `createReactAgent` worker added to the graph as node `researcher`.
   */
  agentName: string | undefined;
  /** Node names from the outermost graph inward, joined by `/`: `researcher/agent`. */
  path: string | undefined;
  /**
   * Checkpoint namespace of the graph that runs the call's node (the root run's own
   * namespace for a node of the root graph). Calls in one scope share their parent call.
   */
  scope: string;
}

/**
 * LangGraph's checkpoint namespace of a run: `node:taskId` segments from the outermost
 * graph inward, joined by `|` (`researcher:<id>|agent:<id>`), as LangGraph puts it in the
 * metadata of every run inside a node. Undefined outside any node.
 */
export function readCheckpointNamespace(metadata: Record<string, unknown> | undefined): string | undefined {
  const namespace = metadata?.langgraph_checkpoint_ns ?? metadata?.checkpoint_ns;
  return typeof namespace === 'string' ? namespace : undefined;
}

/**
 * Read a model call's position from its run metadata. `rootNamespace` is the namespace of
 * the run recorded as the session ('' for a graph invoked at top level), so positions are
 * relative to the graph the user ran. Node names cannot contain `|` or `:` (LangGraph
 * refuses them), so splitting the namespace is exact.
 */
export function readGraphPosition(metadata: Record<string, unknown> | undefined, rootNamespace: string): GraphPosition {
  const node =
    typeof metadata?.langgraph_node === 'string' && metadata.langgraph_node ? metadata.langgraph_node : undefined;
  const namespace = readCheckpointNamespace(metadata);
  const inner = namespace && innerNamespace(namespace, rootNamespace);
  if (!namespace || !inner) return { agentName: node, path: node, scope: rootNamespace };
  const segments = inner.split('|');
  const names = segments.map((segment) => segment.split(':')[0]);
  // The graph that runs the node: the namespace without the node's own segment.
  const scope = segments.length > 1 ? namespace.slice(0, namespace.lastIndexOf('|')) : rootNamespace;
  return { agentName: names[0], path: names.join('/'), scope };
}

/** The part of `namespace` below the root's, or undefined when it is not below it. */
function innerNamespace(namespace: string, rootNamespace: string): string | undefined {
  if (!rootNamespace) return namespace;
  return namespace.startsWith(`${rootNamespace}|`) ? namespace.slice(rootNamespace.length + 1) : undefined;
}
