/**
 * Which recorded call led to each model call of one graph run: the `parent_id` rule.
 *
 * Calls in the root graph have no parent. A call inside a node that is itself a graph (a
 * subgraph, a `createReactAgent` worker), at any depth, has as parent the last call
 * recorded in the graph around that node before the node started: the supervisor call
 * that routed to the worker. So supervisor → worker → tool loop stores as a tree of one
 * level per graph: each worker's calls (every turn of its tool loop) hang side by side
 * under the supervisor call that sent work to it, and the next supervisor call is a root
 * again. Scopes are LangGraph checkpoint namespaces (see `readGraphPosition`).
 */
export class CallLineage {
  /** Scope → id of the last call recorded directly in it. */
  private readonly lastCallIn = new Map<string, string>();
  /** Scope → parent of the calls made in it, fixed when the scope started. */
  private readonly parentIn = new Map<string, string | null>();

  /** @param rootScope the namespace of the session's root run: its calls have no parent. */
  constructor(private readonly rootScope: string) {}

  /**
   * A node started with this namespace: fix the parent of the calls inside it now, so a call
   * that a sibling node of the same step records meanwhile is not taken for its cause.
   */
  enterScope(namespace: string): void {
    if (namespace === this.rootScope || this.parentIn.has(namespace)) return;
    const separator = namespace.lastIndexOf('|');
    const outer = separator < 0 ? this.rootScope : namespace.slice(0, separator);
    this.parentIn.set(namespace, this.lastCallIn.get(outer) ?? this.parentOf(outer));
  }

  /** The parent of a call made in `scope`: a call already recorded, or null. */
  parentOf(scope: string): string | null {
    if (scope === this.rootScope) return null;
    // A scope whose node start was not seen (metadata without a namespace) is entered late.
    if (!this.parentIn.has(scope)) this.enterScope(scope);
    return this.parentIn.get(scope) ?? null;
  }

  /** A call of `scope` was recorded (successful or failed, it is stored either way). */
  recordCall(scope: string, callId: string): void {
    this.lastCallIn.set(scope, callId);
  }
}
