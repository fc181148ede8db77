import type { Serialized } from '@langchain/core/load/serializable';
import type { ChainValues } from '@langchain/core/utils/types';
import type { Observatory, Session } from '@observatory/core';
import {
  type CallContext,
  ObservatoryCallbackHandler,
  type ObservatoryCallbackHandlerOptions,
} from '@observatory/langchain';

/** Options of `new ObservatoryGraphHandler(obs, options)`: those of the LangChain handler. */
export type ObservatoryGraphHandlerOptions = ObservatoryCallbackHandlerOptions;

/** A chain or tool run inside a graph run: which session its model calls join. */
interface GraphRun {
  sessionId: string;
  /** Set on the root run only: the session it opened and must close. */
  session?: Session;
}

/** Run-metadata keys that say nothing about the graph run. */
const SKIPPED_SESSION_KEYS = new Set(['ls_integration', 'versions']);

/**
 * Records LangGraph runs: each root graph run becomes a session (operation type = the run
 * name, which is the graph's name unless `runName` is given; ended as success or failure by
 * the root run's end or error), and each model call inside a node becomes a call in that
 * session whose agent is the node (`metadata.langgraph_node`). Calls keep
 * `langgraph_step`, `thread_id` and the rest of LangGraph's metadata, and their parent run
 * id, so calls inside subgraphs stay attached to the graph run that contains them.
 *
 * Model calls are translated by `ObservatoryCallbackHandler`, which this extends.
 *
 * @example
 * const handler = new ObservatoryGraphHandler(obs)
 * await graph.invoke({ question }, { callbacks: [handler], configurable: { thread_id: 't-1' } })
 */
export class ObservatoryGraphHandler extends ObservatoryCallbackHandler {
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
      const parent = parentRunId ? this.graphRuns.get(parentRunId) : undefined;
      if (parent) {
        this.graphRuns.set(runId, { sessionId: parent.sessionId });
        return;
      }
      // A run with no parent we know of is a root: the graph run itself.
      const session = this.obs.startSession(runName || chainName(chain), this.sessionMetadata(runId, tags, metadata));
      this.graphRuns.set(runId, { sessionId: session.id, session });
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
      const parent = parentRunId ? this.graphRuns.get(parentRunId) : undefined;
      // A tool run outside any graph run opens no session: only graph runs do.
      if (parent) this.graphRuns.set(runId, { sessionId: parent.sessionId });
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

  /** A model call joins the session of the graph run around it, as the agent of its node. */
  protected override callContext(
    parentRunId: string | undefined,
    metadata: Record<string, unknown> | undefined,
  ): CallContext {
    const context = super.callContext(parentRunId, metadata);
    const parent = parentRunId ? this.graphRuns.get(parentRunId) : undefined;
    const node = metadata?.langgraph_node;
    return {
      ...context,
      sessionId: parent?.sessionId ?? context.sessionId,
      agentName: typeof node === 'string' && node ? node : context.agentName,
    };
  }

  /** Forget a run (on end and on error alike); the root run also ends its session. */
  private async endRun(runId: string, error: unknown, where: string): Promise<void> {
    try {
      const run = this.graphRuns.get(runId);
      if (!run) return;
      this.graphRuns.delete(runId);
      if (run.session) {
        await this.obs.endSession(run.session, error === undefined ? { success: true } : { success: false, error });
      }
    } catch (failure) {
      this.reportError(where, failure);
    }
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
