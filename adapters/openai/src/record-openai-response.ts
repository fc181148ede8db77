import {
  type AdapterCallOptions,
  type LLMCall,
  type Observatory,
  ObservatoryError,
  reportAdapterError,
  toAdapterCallFields,
} from '@observatory/core';
import type { OpenAIRequest } from './openai-types.js';
import { readOpenAIResponse } from './read-openai-response.js';
import { serializeOpenAIPrompt } from './serialize-openai-prompt.js';

/** Options of `recordOpenAIResponse` and `recordOpenAIError`. */
export interface RecordOpenAIOptions extends AdapterCallOptions {
  /**
   * The params given to `create(...)`. Its messages / input become the stored prompt
   * (unless `prompt` is set), and its `model` names the call when the result has none.
   */
  request?: OpenAIRequest;
  /** Model name when neither the result nor `request` gives one (errors). */
  model?: string;
  /** Provider recorded; default 'openai'. Set it when the SDK talks to Azure or another compatible API. */
  provider?: string;
}

/**
 * Record one OpenAI SDK result: a ChatCompletion, the last chat stream chunk (the one with
 * `usage`, sent with `stream_options: { include_usage: true }`), a Responses API Response,
 * a `response.completed` stream event, or an embeddings response. Returns the recorded
 * call, or undefined when nothing could be recorded; never throws — failures go to the
 * observatory's `onError`.
 *
 * @example
 * const startTime = Date.now()
 * const completion = await client.chat.completions.create(request)
 * recordOpenAIResponse(obs, completion, { startTime, request, agentName: 'Planner' })
 */
export function recordOpenAIResponse(
  obs: Observatory,
  response: unknown,
  options: RecordOpenAIOptions = {},
): LLMCall | undefined {
  try {
    // Recording is off: skip reading the result at all.
    if (!obs.enabled) return undefined;
    const reading = readOpenAIResponse(response);
    if (!reading) {
      reportAdapterError(
        obs,
        'recordOpenAIResponse',
        new ObservatoryError(
          `recordOpenAIResponse: not an OpenAI response (${describe(response)}); pass a ChatCompletion, the final stream chunk with usage, a Response, a response.completed event or an embeddings response`,
        ),
      );
      return undefined;
    }
    const { kind, metadata, error, modelName, responseText, finishReason, ...usage } = reading;
    return obs.recordCall({
      provider: options.provider ?? 'openai',
      modelName: modelName || options.request?.model || options.model || 'unknown',
      ...usage,
      ...toAdapterCallFields(options),
      prompt: options.prompt ?? (options.request ? serializeOpenAIPrompt(options.request, kind) : undefined),
      responseText: options.responseText ?? responseText,
      finishReason: options.finishReason ?? finishReason,
      error,
      metadata: { ...metadata, ...options.metadata },
    });
  } catch (error) {
    reportAdapterError(obs, 'recordOpenAIResponse', error);
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const { object, type } = value as { object?: unknown; type?: unknown };
  if (typeof type === 'string') return `an event of type '${type}'`;
  if (typeof object === 'string') return `an object '${object}'`;
  return 'an object without OpenAI markers';
}
