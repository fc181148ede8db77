import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import { type LLMCall, type Observatory, type RecordCallInput, reportAdapterError } from '@observatory/core';
import { type ConvertedUsage, convertLangChainUsage } from './convert-langchain-usage.js';
import { estimateTokens } from './estimate-tokens.js';
import type { LangChainLlmResult } from './langchain-shapes.js';
import { readLlmResult } from './read-llm-result.js';
import { renderMessages } from './render-messages.js';
import { readRequestedModel, resolveModelName, resolveProvider } from './resolve-model.js';

/** Options of `new ObservatoryCallbackHandler(obs, options)`. */
export interface ObservatoryCallbackHandlerOptions {
  /** `agent_name` of every call. */
  agentName?: string;
  /** Attach every call to this session. Default: the active `obs.withSession`, else the implicit session. */
  sessionId?: string;
  /** `operation_name` of every call. Default: the model run's `runName`, when one was set. */
  operationName?: string;
  /** Merged into every call's metadata (run metadata wins on equal keys). */
  metadata?: Record<string, unknown>;
  /** Receives failures inside the adapter, which never reach your code. Default: the observatory's `onError`. */
  onError?: (error: unknown) => void;
  /**
   * true: let LangChain run this handler in its background callback queue (then call
   * `awaitAllCallbacks()` before reading the store or exiting). Default false: the handler
   * runs when the event happens, so latency and time to first token are measured at the
   * event and `obs.withSession` around the call is seen. The handler does no I/O either way.
   */
  background?: boolean;
}

/** Where a call belongs; the LangGraph handler derives it from the graph run. */
export interface CallContext {
  sessionId?: string;
  agentName?: string;
  operationName?: string;
  /** `parent_id` of the call: a stored call's id, or null. Default: the model run's parent run id. */
  parentId?: string | null;
  /** Added to the call's metadata, over the run's. */
  metadata?: Record<string, unknown>;
  /** Told the call once it is recorded (as a success or an error), e.g. to parent later calls on it. */
  onRecorded?: (call: LLMCall) => void;
}

/** What a model run's start told us, kept until its end or error. */
interface ModelRun {
  startedAt: number;
  timestamp: Date;
  firstTokenAt: number | undefined;
  requestedModel: string | undefined;
  lsProvider: unknown;
  className: string | undefined;
  prompt: string;
  parentRunId: string | undefined;
  tags: string[] | undefined;
  metadata: Record<string, unknown> | undefined;
  runName: string | undefined;
  context: CallContext;
}

/** Run-metadata keys that become columns (provider, model) or say nothing about the call. */
const MAPPED_METADATA_KEYS = new Set(['ls_provider', 'ls_model_name', 'ls_model_type', 'ls_integration', 'versions']);

/**
 * A LangChain callback handler that records every chat-model and LLM call: model,
 * provider, tokens (with cache reads, cache writes and reasoning), latency, time to first
 * token when streaming, prompt and response, tags and run metadata, and errors.
 *
 * It only translates LangChain's callbacks into `obs.recordCall`; what your chain returns
 * or throws is never changed, and a failure inside the handler goes to `onError`.
 *
 * @example
 * const obs = new Observatory({ projectName: 'support-bot' })
 * const handler = new ObservatoryCallbackHandler(obs, { agentName: 'triage' })
 * const answer = await chain.invoke({ question }, { callbacks: [handler] })
 */
export class ObservatoryCallbackHandler extends BaseCallbackHandler {
  /**
   * One name for every Observatory handler: LangChain's configure hook adds a registered
   * handler only when no handler of the same name is on the run, so a handler passed in
   * `callbacks` and one registered app-wide never record the same call twice.
   */
  readonly name = 'observatory_callback_handler';
  protected readonly obs: Observatory;
  protected readonly options: ObservatoryCallbackHandlerOptions;
  private readonly modelRuns = new Map<string, ModelRun>();

  constructor(obs: Observatory, options: ObservatoryCallbackHandlerOptions = {}) {
    super({
      ignoreChain: true,
      ignoreAgent: true,
      ignoreRetriever: true,
      ignoreCustomEvent: true,
      _awaitHandler: !options.background,
    });
    this.obs = obs;
    this.options = options;
  }

  /** The handler holds per-run state, so LangChain must share it, never clone it. */
  override copy(): this {
    return this;
  }

  override handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    try {
      const prompt = messages.map(renderMessages).join('\n\n');
      this.startModelRun(llm, prompt, runId, parentRunId, extraParams, tags, metadata, runName);
    } catch (error) {
      this.reportError('handleChatModelStart', error);
    }
  }

  override handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    try {
      this.startModelRun(llm, prompts.join('\n\n'), runId, parentRunId, extraParams, tags, metadata, runName);
    } catch (error) {
      this.reportError('handleLLMStart', error);
    }
  }

  override handleLLMNewToken(
    token: string,
    _idx: unknown,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    fields?: { chunk?: unknown },
  ): void {
    try {
      const run = this.modelRuns.get(runId);
      if (!run || run.firstTokenAt !== undefined) return;
      // OpenAI opens a stream with an empty role-only chunk; the first token is the first
      // text, or the first tool-call fragment when the model answers with a tool call.
      if (token !== '' || hasToolCallChunks(fields?.chunk)) run.firstTokenAt = performance.now();
    } catch (error) {
      this.reportError('handleLLMNewToken', error);
    }
  }

  override handleLLMEnd(
    output: LLMResult,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    extraParams?: Record<string, unknown>,
  ): void {
    try {
      const endedAt = performance.now();
      const run = this.takeModelRun(runId);
      if (!run) return;
      const result = readLlmResult(output as LangChainLlmResult);
      const cached = extraParams?.cached === true;
      const usage = cached
        ? CACHE_HIT_USAGE
        : (convertLangChainUsage(result.usageMetadata, result.llmOutput, result.responseMetadata) ??
          estimateUsage(run.prompt, result.responseText + result.toolCallsJson));
      this.record(run, runId, endedAt, {
        modelName: resolveModelName(run.requestedModel, result.responseMetadata),
        provider: resolveProvider(run.lsProvider, result.responseMetadata, run.className),
        ...usage,
        responseText: result.responseText,
        finishReason: result.finishReason,
        cacheMetadata: cached ? { cacheHit: true } : undefined,
      });
    } catch (error) {
      this.reportError('handleLLMEnd', error);
    }
  }

  override handleLLMError(
    error: unknown,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    extraParams?: Record<string, unknown>,
  ): void {
    try {
      const run = this.takeModelRun(runId);
      if (!run) return;
      // No usage: a failed request is not billed, and guessing would invent cost. The
      // call is stored with usage_source 'missing'.
      this.record(run, runId, performance.now(), {
        modelName: resolveModelName(run.requestedModel, undefined),
        provider: resolveProvider(run.lsProvider, undefined, run.className),
        error: error ?? 'unknown error',
        cacheMetadata: extraParams?.cached === true ? { cacheHit: true } : undefined,
      });
    } catch (failure) {
      this.reportError('handleLLMError', failure);
    }
  }

  /**
   * Where a model run's call belongs. Called once at the run's start; the LangGraph
   * handler overrides it to put calls in the graph run's session under the node's name.
   */
  protected callContext(_parentRunId: string | undefined, _metadata: Record<string, unknown> | undefined): CallContext {
    return {
      sessionId: this.options.sessionId,
      agentName: this.options.agentName,
      operationName: this.options.operationName,
    };
  }

  /** Report a failure inside the adapter (to `options.onError`, else the observatory's); never throws. */
  protected reportError(where: string, error: unknown): void {
    reportAdapterError(this.obs, `LangChain ${where}`, error, this.options.onError);
  }

  private startModelRun(
    llm: Serialized,
    prompt: string,
    runId: string,
    parentRunId: string | undefined,
    extraParams: Record<string, unknown> | undefined,
    tags: string[] | undefined,
    metadata: Record<string, unknown> | undefined,
    runName: string | undefined,
  ): void {
    this.modelRuns.set(runId, {
      startedAt: performance.now(),
      timestamp: new Date(),
      firstTokenAt: undefined,
      requestedModel: readRequestedModel(extraParams, metadata),
      lsProvider: metadata?.ls_provider,
      className: Array.isArray(llm?.id) ? llm.id[llm.id.length - 1] : undefined,
      prompt,
      parentRunId,
      tags,
      metadata,
      runName,
      context: this.callContext(parentRunId, metadata),
    });
  }

  /** Remove a run's state (on end and on error alike), so nothing outlives its run. */
  private takeModelRun(runId: string): ModelRun | undefined {
    const run = this.modelRuns.get(runId);
    if (run) this.modelRuns.delete(runId);
    return run;
  }

  private record(
    run: ModelRun,
    runId: string,
    endedAt: number,
    fields: Pick<RecordCallInput, 'modelName' | 'provider'> & Partial<RecordCallInput>,
  ): void {
    const metadata = this.callMetadata(run, runId);
    // Recorded under the model that answered; what was asked for stays beside it.
    if (run.requestedModel && run.requestedModel !== fields.modelName) metadata.requestedModel = run.requestedModel;
    const call = this.obs.recordCall({
      sessionId: run.context.sessionId,
      agentName: run.context.agentName,
      operationName: run.context.operationName ?? run.runName,
      latencyMs: Math.max(0, endedAt - run.startedAt),
      ttftMs: run.firstTokenAt === undefined ? undefined : Math.max(0, run.firstTokenAt - run.startedAt),
      prompt: run.prompt,
      parentId: run.context.parentId === undefined ? run.parentRunId : run.context.parentId,
      metadata,
      timestamp: run.timestamp,
      ...fields,
    });
    if (call) run.context.onRecorded?.(call);
  }

  private callMetadata(run: ModelRun, runId: string): Record<string, unknown> {
    const metadata: Record<string, unknown> = { ...this.options.metadata };
    if (run.metadata) {
      for (const key in run.metadata) {
        if (!MAPPED_METADATA_KEYS.has(key)) metadata[key] = run.metadata[key];
      }
    }
    Object.assign(metadata, run.context.metadata);
    if (run.tags?.length) metadata.tags = run.tags;
    if (run.runName) metadata.runName = run.runName;
    metadata.runId = runId;
    return metadata;
  }
}

/** LangChain's own LLM cache answered: no provider call, zero tokens reported on purpose. */
const CACHE_HIT_USAGE: ConvertedUsage = {
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
  usageSource: 'reported',
};

/** The provider sent no usage: count prompt and response with a tokenizer rather than record a zero. */
function estimateUsage(
  prompt: string,
  response: string,
): Pick<ConvertedUsage, 'promptTokens' | 'completionTokens' | 'usageSource'> {
  return { promptTokens: estimateTokens(prompt), completionTokens: estimateTokens(response), usageSource: 'estimated' };
}

function hasToolCallChunks(chunk: unknown): boolean {
  const message = (chunk as { message?: { tool_call_chunks?: unknown[] } } | undefined)?.message;
  return Boolean(message?.tool_call_chunks?.length);
}
