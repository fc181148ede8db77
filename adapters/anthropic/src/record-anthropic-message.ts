import {
  type AdapterCallOptions,
  type LLMCall,
  type Observatory,
  ObservatoryError,
  reportAdapterError,
  toAdapterCallFields,
} from '@observatory/core';
import type { AnthropicRequest } from './anthropic-types.js';
import { readAnthropicMessage } from './read-anthropic-message.js';
import { serializeAnthropicPrompt } from './serialize-anthropic-prompt.js';

/** Options of `recordAnthropicMessage` and `recordAnthropicError`. */
export interface RecordAnthropicOptions extends AdapterCallOptions {
  /**
   * The params given to `messages.create(...)` / `messages.stream(...)`. Its `system` and
   * `messages` become the stored prompt (unless `prompt` is set), and its `model` names the
   * call when the message has none.
   */
  request?: AnthropicRequest;
  /** Model name when neither the message nor `request` gives one (errors). */
  model?: string;
  /** Provider recorded; default 'anthropic'. */
  provider?: string;
}

/**
 * Record one Anthropic SDK message: the result of `client.messages.create(...)` or of
 * `stream.finalMessage()`. Input is recorded as the total `input_tokens +
 * cache_read_input_tokens + cache_creation_input_tokens`, so cost is not under-counted.
 * Returns the recorded call, or undefined when nothing could be recorded; never throws —
 * failures go to the observatory's `onError`.
 *
 * @example
 * const startTime = Date.now()
 * const message = await client.messages.create(request)
 * recordAnthropicMessage(obs, message, { startTime, request, agentName: 'Planner' })
 */
export function recordAnthropicMessage(
  obs: Observatory,
  message: unknown,
  options: RecordAnthropicOptions = {},
): LLMCall | undefined {
  try {
    // Recording is off: skip reading the result at all.
    if (!obs.enabled) return undefined;
    const reading = readAnthropicMessage(message);
    if (!reading) {
      reportAdapterError(
        obs,
        'recordAnthropicMessage',
        new ObservatoryError(
          `recordAnthropicMessage: not an Anthropic message (${describe(message)}); pass the result of messages.create() or stream.finalMessage()`,
        ),
      );
      return undefined;
    }
    const { metadata, modelName, responseText, finishReason, ...usage } = reading;
    return obs.recordCall({
      provider: options.provider ?? 'anthropic',
      modelName: modelName || options.request?.model || options.model || 'unknown',
      ...usage,
      ...toAdapterCallFields(options),
      prompt: options.prompt ?? (options.request ? serializeAnthropicPrompt(options.request) : undefined),
      responseText: options.responseText ?? responseText,
      finishReason: options.finishReason ?? finishReason,
      metadata: { ...metadata, ...options.metadata },
    });
  } catch (error) {
    reportAdapterError(obs, 'recordAnthropicMessage', error);
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const { type } = value as { type?: unknown };
  return typeof type === 'string' ? `an object of type '${type}'` : 'an object without Anthropic markers';
}
