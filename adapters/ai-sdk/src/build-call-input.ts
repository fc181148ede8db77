import type { RecordCallInput } from '@observatory/core';
import { type AiSdkTokenCounts, addTokenCounts, convertAiSdkUsage } from './convert-ai-sdk-usage.js';
import { formatPrompt } from './format-prompt.js';
import type {
  AiSdkFinishEvent,
  AiSdkModelInfo,
  AiSdkProviderMetadata,
  AiSdkRecordOptions,
  AiSdkStep,
} from './types.js';

/** When the call ran, measured by whoever saw it start. */
export interface CallTiming {
  /** Epoch milliseconds when the call started; stored as the call's timestamp. */
  startedAt: number;
  latencyMs?: number;
  ttftMs?: number;
}

/**
 * Translate a finished AI SDK generation into one `recordCall` input: one row per request.
 * A multi-step tool loop is summed over its steps (each step's usage normalised on its
 * own, since v5 Anthropic cache writes exist only per step) and named after its last
 * step's model; `metadata.steps` says how many model calls it made.
 */
export function buildCallInput(
  event: AiSdkFinishEvent,
  options: AiSdkRecordOptions,
  timing: CallTiming,
): RecordCallInput {
  const steps = event.steps !== undefined && event.steps.length > 0 ? event.steps : undefined;
  const last = steps ? steps[steps.length - 1] : event;
  const usage = steps ? sumStepUsage(steps) : convertAiSdkUsage(event.usage, event.providerMetadata);
  const { provider, modelName } = resolveModel(last, event, options.model);
  return {
    provider,
    modelName,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    cachedPromptTokens: usage.cachedPromptTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    cacheWrite1hTokens: usage.cacheWrite1hTokens,
    reasoningTokens: usage.reasoningTokens,
    latencyMs: timing.latencyMs,
    ttftMs: timing.ttftMs,
    timestamp: new Date(timing.startedAt),
    finishReason: event.finishReason,
    error: describeFailure(event),
    agentName: options.agentName,
    operationName: options.operationName,
    sessionId: options.sessionId,
    metadata: steps && steps.length > 1 ? { steps: steps.length, ...options.metadata } : options.metadata,
    prompt: options.capturePrompt === false ? undefined : formatPrompt(options.prompt),
    responseText: options.captureResponse === false ? undefined : responseText(event, steps),
  };
}

function sumStepUsage(steps: ReadonlyArray<AiSdkStep>): AiSdkTokenCounts {
  let total = convertAiSdkUsage(steps[0].usage, steps[0].providerMetadata);
  for (let i = 1; i < steps.length; i++) {
    total = addTokenCounts(total, convertAiSdkUsage(steps[i].usage, steps[i].providerMetadata));
  }
  return total;
}

/**
 * Provider from `model.provider` up to the first '.' (`openai.chat` → `openai`); model
 * from the response's `modelId` (what answered), else the requested id. Gateway ids
 * (`openai/gpt-4o`) name the real provider, so the call is priced as OpenAI's.
 */
function resolveModel(
  last: AiSdkStep,
  event: AiSdkFinishEvent,
  given: AiSdkModelInfo | string | undefined,
): { provider: string; modelName: string } {
  const requested = last.model ?? event.model ?? (typeof given === 'object' ? given : undefined);
  const requestedId = requested?.modelId ?? (typeof given === 'string' ? given : undefined);
  let provider = requested ? prefix(requested.provider, '.') : undefined;
  let modelName = last.response?.modelId || event.response?.modelId || requestedId || 'unknown';
  if (provider === undefined || provider === 'gateway') {
    const routed = modelName.includes('/') ? modelName : requestedId?.includes('/') ? requestedId : undefined;
    if (routed) provider = prefix(routed, '/');
  }
  if (provider && modelName.length > provider.length && modelName.startsWith(provider)) {
    if (modelName[provider.length] === '/') modelName = modelName.slice(provider.length + 1);
  }
  provider ||= firstKey(last.providerMetadata ?? event.providerMetadata) ?? 'unknown';
  return { provider, modelName };
}

/** The part of `value` before the first `separator` (all of it when there is none). */
function prefix(value: string, separator: string): string {
  const index = value.indexOf(separator);
  return index < 0 ? value : value.slice(0, index);
}

function firstKey(metadata: AiSdkProviderMetadata | undefined): string | undefined {
  if (!metadata) return undefined;
  for (const key in metadata) return key;
  return undefined;
}

function describeFailure(event: AiSdkFinishEvent): unknown {
  if (event.error != null) return event.error;
  if (event.finishReason === 'error') return 'the model stream ended with finishReason "error"';
  return undefined;
}

function responseText(event: AiSdkFinishEvent, steps: ReadonlyArray<AiSdkStep> | undefined): string | undefined {
  if (steps?.length === 1 && steps[0].text) return steps[0].text;
  if (steps) {
    const texts: string[] = [];
    for (const step of steps) if (step.text) texts.push(step.text);
    if (texts.length > 0) return texts.join('\n\n');
  }
  if (event.text) return event.text;
  if (event.object !== undefined) {
    try {
      return JSON.stringify(event.object);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
