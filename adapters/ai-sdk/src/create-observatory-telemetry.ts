import { type Observatory, reportAdapterError } from '@observatory/core';
import { buildCallInput, type CallTiming } from './build-call-input.js';
import { formatPrompt, type PromptLike } from './format-prompt.js';
import type { AiSdkFinishEvent, AiSdkMessage, AiSdkModelInfo, AiSdkRecordOptions, AiSdkStep } from './types.js';

/** Labels for every call the global hook records. */
export type ObservatoryTelemetryOptions = Pick<
  AiSdkRecordOptions,
  'agentName' | 'operationName' | 'metadata' | 'capturePrompt' | 'captureResponse'
>;

/** v6 `onStart` (model, prompt, telemetry metadata) or v7 `onStart` (callId, operationId, provider, modelId). */
export interface TelemetryStartEvent {
  readonly callId?: string;
  readonly operationId?: string;
  readonly provider?: string;
  readonly modelId?: string;
  readonly model?: AiSdkModelInfo;
  readonly system?: PromptLike;
  readonly instructions?: PromptLike;
  readonly prompt?: PromptLike;
  readonly messages?: ReadonlyArray<AiSdkMessage>;
  readonly functionId?: string;
  readonly metadata?: Record<string, unknown>;
}

/** v6 `onFinish` / v7 `onEnd` of a text or object call: the finish event plus the telemetry settings. */
export interface TelemetryEndEvent extends AiSdkFinishEvent {
  readonly callId?: string;
  readonly functionId?: string;
  readonly metadata?: Record<string, unknown>;
}

/**
 * A telemetry integration for v6 (`onStart`, `onFinish`) and v7 (`onStart`, `onEnd`,
 * `onError`, `onAbort`) at once: each version calls only the names it knows.
 */
export interface ObservatoryTelemetry {
  onStart: (event: TelemetryStartEvent) => void;
  onFinish: (event: TelemetryEndEvent) => void;
  /**
   * v7 ends every operation here (embeddings, reranking, speech… too, with other shapes);
   * only calls whose start was kept are read, as a `TelemetryEndEvent`.
   */
  onEnd: (event: { readonly callId?: string }) => void;
  onError: (event: unknown) => void;
  onAbort: (event: { readonly callId?: string; readonly steps?: ReadonlyArray<AiSdkStep> }) => void;
}

interface PendingCall {
  startedAt: number;
  started: number;
  prompt?: string;
  model?: AiSdkModelInfo;
}

/** v7 operations that are LLM calls; embeddings, rerank, speech etc. are not recorded. */
const RECORDED_OPERATIONS = new Set(['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject']);
/** Starts never ended (a v6 call that threw) are dropped past this, oldest first. */
const MAX_PENDING = 10_000;
const MAX_PENDING_PER_KEY = 100;

/**
 * Build the integration `registerObservatoryTelemetry` registers; pass it yourself to
 * one call with `experimental_telemetry: { integrations: [...] }` (v6) or
 * `telemetry: { integrations: [...] }` (v7).
 *
 * Latency runs from `onStart`. v7 pairs start and end by `callId`. v6 events carry no id:
 * a start is paired with its finish by the identity of the call's
 * `experimental_telemetry.metadata` object when there is one, else with the latest
 * pending start of the same model (exact for calls that do not overlap).
 */
export function createObservatoryTelemetry(
  obs: Observatory,
  options: ObservatoryTelemetryOptions = {},
): ObservatoryTelemetry {
  const byCallId = new Map<string, PendingCall>();
  const byMetadata = new WeakMap<object, PendingCall[]>();
  const byModel = new Map<string, PendingCall[]>();

  const pend = (stack: PendingCall[], call: PendingCall) => {
    stack.push(call);
    if (stack.length > MAX_PENDING_PER_KEY) stack.shift();
  };

  const takeV6Start = (event: TelemetryEndEvent): PendingCall | undefined => {
    if (event.metadata) {
      const call = byMetadata.get(event.metadata)?.pop();
      if (call) return call;
    }
    const model = event.model;
    return model ? byModel.get(modelKey(model))?.pop() : undefined;
  };

  const record = (event: AiSdkFinishEvent, pending: PendingCall | undefined, end: TelemetryEndEvent | undefined) => {
    const metadata = end?.metadata;
    obs.recordCall(
      buildCallInput(
        event,
        {
          agentName: stringField(metadata, 'agentName') ?? options.agentName,
          operationName: options.operationName ?? end?.functionId,
          sessionId: stringField(metadata, 'sessionId'),
          metadata: metadata || options.metadata ? { ...options.metadata, ...metadata } : undefined,
          prompt: pending?.prompt,
          captureResponse: options.captureResponse,
          model: pending?.model,
        },
        timingOf(pending, event),
      ),
    );
  };

  return {
    onStart: (event) => {
      try {
        const v7 = typeof event.callId === 'string';
        if (v7 && !RECORDED_OPERATIONS.has(event.operationId ?? '')) return;
        const call: PendingCall = { startedAt: Date.now(), started: performance.now() };
        if (options.capturePrompt !== false) {
          call.prompt = formatPrompt(event.prompt ?? event.messages, event.system ?? event.instructions);
        }
        if (v7 && event.callId !== undefined) {
          if (event.provider && event.modelId) call.model = { provider: event.provider, modelId: event.modelId };
          byCallId.set(event.callId, call);
          if (byCallId.size > MAX_PENDING) byCallId.delete(byCallId.keys().next().value as string);
          return;
        }
        if (event.metadata) {
          const stack = byMetadata.get(event.metadata) ?? [];
          byMetadata.set(event.metadata, stack);
          pend(stack, call);
        }
        if (event.model) {
          const key = modelKey(event.model);
          const stack = byModel.get(key) ?? [];
          byModel.set(key, stack);
          pend(stack, call);
        }
      } catch (error) {
        reportAdapterError(obs, 'AI SDK telemetry onStart', error);
      }
    },

    onFinish: (event) => {
      try {
        const pending = takeV6Start(event);
        // The same start sits in both indexes; drop it from the other one too.
        if (pending && event.model) removeFrom(byModel.get(modelKey(event.model)), pending);
        if (pending && event.metadata) removeFrom(byMetadata.get(event.metadata), pending);
        record(event, pending, event);
      } catch (error) {
        reportAdapterError(obs, 'AI SDK telemetry onFinish', error);
      }
    },

    onEnd: (event) => {
      try {
        const pending = event.callId === undefined ? undefined : byCallId.get(event.callId);
        if (!pending || event.callId === undefined) return;
        byCallId.delete(event.callId);
        record(event as TelemetryEndEvent, pending, event as TelemetryEndEvent);
      } catch (error) {
        reportAdapterError(obs, 'AI SDK telemetry onEnd', error);
      }
    },

    onError: (event) => {
      try {
        const { callId, error } = (event ?? {}) as { callId?: unknown; error?: unknown };
        const pending = typeof callId === 'string' ? byCallId.get(callId) : undefined;
        if (!pending || typeof callId !== 'string') return;
        byCallId.delete(callId);
        record({ error: error ?? 'unknown error', finishReason: 'error' }, pending, undefined);
      } catch (error) {
        reportAdapterError(obs, 'AI SDK telemetry onError', error);
      }
    },

    onAbort: (event) => {
      try {
        const pending = event.callId === undefined ? undefined : byCallId.get(event.callId);
        if (!pending || event.callId === undefined) return;
        byCallId.delete(event.callId);
        record({ steps: event.steps ?? [], error: 'aborted' }, pending, undefined);
      } catch (error) {
        reportAdapterError(obs, 'AI SDK telemetry onAbort', error);
      }
    },
  };
}

function timingOf(pending: PendingCall | undefined, event: AiSdkFinishEvent): CallTiming {
  const ttftMs = event.steps?.[0]?.performance?.timeToFirstOutputMs;
  if (!pending) return { startedAt: Date.now(), ttftMs };
  return { startedAt: pending.startedAt, latencyMs: performance.now() - pending.started, ttftMs };
}

function modelKey(model: AiSdkModelInfo): string {
  return `${model.provider}\u0000${model.modelId}`;
}

function removeFrom(stack: PendingCall[] | undefined, call: PendingCall): void {
  const index = stack ? stack.lastIndexOf(call) : -1;
  if (stack && index >= 0) stack.splice(index, 1);
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}
