import type { Serialized } from '@langchain/core/load/serializable';
import type { ChainValues } from '@langchain/core/utils/types';
import type { EndSessionOptions, Observatory, Session } from '@observatory/core';
import {
  type CallContext,
  ObservatoryCallbackHandler,
  type ObservatoryCallbackHandlerOptions,
} from '@observatory/langchain';
import { CallLineage } from './call-lineage.js';
import { readCheckpointNamespace, readGraphPosition } from './read-graph-position.js';
import { isCancellation, isLangGraphAbort, readSessionEnd } from './read-session-end.js';

/** Options of `new ObservatoryGraphHandler(obs, options)`: those of the LangChain handler. */
export type ObservatoryGraphHandlerOptions = ObservatoryCallbackHandlerOptions;

/** One graph run, recorded as one session, as the handler follows it. */
interface GraphRun {
  session: Session;
  rootRunId: string;
  /** Checkpoint namespace of the root run: '' unless the root itself runs inside a graph. */
  rootNamespace: string;
  lineage: CallLineage;
  /** Chain and tool runs started inside the graph run and not ended yet. */
  openRuns: number;
  /** The last error a run inside reported, LangGraph's `Error('Abort')` aside: why a stopped run stopped. */
  lastInnerError: unknown;
  ended: boolean;
}

/** Run-metadata keys that say nothing about the graph run. */
const SKIPPED_SESSION_KEYS = new Set(['ls_integration', 'versions']);

/**
 * Records LangGraph runs: each root graph run becomes a session (operation type = the run
 * name, which is the graph's name unless `runName` is given), ended as a success, a failure,
 * or cancelled when it was stopped with no reason given (the consumer stopped reading
 * `graph.stream()`, or `abort()` on its signal). Each model call inside becomes a call in
 * that session whose agent is the node of the root graph it ran under (the worker node
 * `researcher`, not the `agent` node inside the worker), with the full node path in
 * `metadata.langgraphPath` (`researcher/agent`), `langgraph_step`, `thread_id` and the rest
 * of LangGraph's metadata. `parentId` is the call that led to it: for a call inside a
 * subgraph, the last call made in the graph around it before it started (see `CallLineage`).
 *
 * Model calls are translated by `ObservatoryCallbackHandler`, which this extends.
 *
 * @example
 * const handler = new ObservatoryGraphHandler(obs)
 * await graph.invoke({ question }, { callbacks: [handler], configurable: { thread_id: 't-1' } })
 */
export class ObservatoryGraphHandler extends ObservatoryCallbackHandler {
  /** Every chain and tool run inside a graph run (the root run too) → that graph run. */
  private readonly graphRuns = new Map<string, GraphRun>();

  constructor(obs: Observatory, options: ObservatoryGraphHandlerOptions = {}) {
    super(obs, options);
    // Chain runs (graph, nodes, subgraphs) and tool runs carry the session down to the
    // model calls inside them.
    this.ignoreChain = false;
    this.ignoreAgent = false;
  }

  /**
   * LangChain calls this as (chain, inputs, runId, parentRunId, tags, metadata, runType,
   * runName), not in its declared order; the parameters are named in the order of the call.
   */
  override handleChainStart(
    chain: Serialized,
    _inputs: ChainValues,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    try {
      const graph = parentRunId ? this.graphRuns.get(parentRunId) : undefined;
      if (graph) {
        this.startInnerRun(runId, graph);
        const namespace = readCheckpointNamespace(metadata);
        if (namespace !== undefined) graph.lineage.enterScope(namespace);
        return;
      }
      // A run with no parent we know of is a root: the graph run itself.
      const session = this.obs.startSession(runName || chainName(chain), this.sessionMetadata(runId, tags, metadata));
      const rootNamespace = readCheckpointNamespace(metadata) ?? '';
      this.graphRuns.set(runId, {
        session,
        rootRunId: runId,
        rootNamespace,
        lineage: new CallLineage(rootNamespace),
        openRuns: 0,
        lastInnerError: undefined,
        ended: false,
      });
    } catch (error) {
      this.reportError('handleChainStart', error);
    }
  }

  override async handleChainEnd(_outputs: ChainValues, runId: string): Promise<void> {
    await this.endRun(runId, undefined, 'handleChainEnd');
  }

  override async handleChainError(error: unknown, runId: string): Promise<void> {
    await this.endRun(runId, error ?? 'unknown error', 'handleChainError');
  }

  override handleToolStart(_tool: Serialized, _input: string, runId: string, parentRunId?: string): void {
    try {
      const graph = parentRunId ? this.graphRuns.get(parentRunId) : undefined;
      // A tool run outside any graph run opens no session: only graph runs do.
      if (graph) this.startInnerRun(runId, graph);
    } catch (error) {
      this.reportError('handleToolStart', error);
    }
  }

  override async handleToolEnd(_output: unknown, runId: string): Promise<void> {
    await this.endRun(runId, undefined, 'handleToolEnd');
  }

  override async handleToolError(error: unknown, runId: string): Promise<void> {
    await this.endRun(runId, error ?? 'unknown error', 'handleToolError');
  }

  /**
   * A model call joins the session of the graph run around it, as the agent of the
   * outermost node it ran under, with the call that led to it as parent.
   */
  protected override callContext(
    parentRunId: string | undefined,
    metadata: Record<string, unknown> | undefined,
  ): CallContext {
    const context = super.callContext(parentRunId, metadata);
    const graph = parentRunId ? this.graphRuns.get(parentRunId) : undefined;
    const position = readGraphPosition(metadata, graph?.rootNamespace ?? '');
    return {
      ...context,
      sessionId: graph?.session.id ?? context.sessionId,
      agentName: position.agentName ?? context.agentName,
      // Outside a graph run there is no recorded call to point at.
      parentId: graph ? graph.lineage.parentOf(position.scope) : null,
      metadata: position.path ? { langgraphPath: position.path } : undefined,
      onRecorded: graph ? (call) => graph.lineage.recordCall(position.scope, call.id) : undefined,
    };
  }

  private startInnerRun(runId: string, graph: GraphRun): void {
    this.graphRuns.set(runId, graph);
    graph.openRuns += 1;
  }

  /** Forget a run (on end and on error alike); the root run also ends its session. */
  private async endRun(runId: string, error: unknown, where: string): Promise<void> {
    try {
      const graph = this.graphRuns.get(runId);
      if (!graph) return;
      this.graphRuns.delete(runId);
      if (runId === graph.rootRunId) {
        await this.endGraphRun(graph, readSessionEnd(error, graph.lastInnerError));
        return;
      }
      graph.openRuns -= 1;
      if (error === undefined) return;
      if (!isLangGraphAbort(error)) graph.lastInnerError = error;
      // A consumer that stops reading `stream()` while LangGraph holds a chunk for it ends
      // the root run without any callback: once every run inside has stopped with an
      // AbortError, the run is over, whether or not the root's `Error('Abort')` follows.
      if (graph.openRuns === 0 && isCancellation(graph.lastInnerError)) {
        await this.endGraphRun(graph, { cancelled: true });
      }
    } catch (failure) {
      this.reportError(where, failure);
    }
  }

  /** End the session once, and forget the root run: its own end may come later, or never. */
  private async endGraphRun(graph: GraphRun, end: EndSessionOptions): Promise<void> {
    if (graph.ended) return;
    graph.ended = true;
    this.graphRuns.delete(graph.rootRunId);
    await this.obs.endSession(graph.session, end);
  }

  private sessionMetadata(
    runId: string,
    tags: string[] | undefined,
    metadata: Record<string, unknown> | undefined,
  ): Record<string, unknown> {
    const sessionMetadata: Record<string, unknown> = { ...this.options.metadata };
    if (metadata) {
      for (const key in metadata) {
        if (!SKIPPED_SESSION_KEYS.has(key)) sessionMetadata[key] = metadata[key];
      }
    }
    if (tags?.length) sessionMetadata.tags = tags;
    sessionMetadata.runId = runId;
    return sessionMetadata;
  }
}

/** The graph's name when no run name was given: the last part of its serialized id. */
function chainName(chain: Serialized | undefined): string {
  const id = chain?.id;
  return (Array.isArray(id) && id.length > 0 && id[id.length - 1]) || 'graph';
}
