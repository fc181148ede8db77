import type { LLMCall, Observatory } from '@observatory/core';
import { compactFields, errorNameOf, reportAdapterError, toAdapterCallFields } from '@observatory/core';
import type { AnthropicAPIErrorLike } from './anthropic-types.js';
import type { RecordAnthropicOptions } from './record-anthropic-message.js';
import { serializeAnthropicPrompt } from './serialize-anthropic-prompt.js';

/**
 * Record a failed Anthropic request: the call is stored with no tokens, the error text
 * (`529 overloaded_error: Overloaded`) in `error`, and the APIError's `status`, `type`,
 * `errorCode` and `requestID` in metadata. Any other thrown value (a network error, an
 * abort) is stored by its message. Never throws; pass the request params or `model` so the
 * call is named after its model.
 *
 * @example
 * try {
 *   await client.messages.create(request)
 * } catch (error) {
 *   recordAnthropicError(obs, error, { request, startTime })
 *   throw error
 * }
 */
export function recordAnthropicError(
  obs: Observatory,
  error: unknown,
  options: RecordAnthropicOptions = {},
): LLMCall | undefined {
  try {
    // Recording is off: skip reading the result at all.
    if (!obs.enabled) return undefined;
    const apiError = (error && typeof error === 'object' ? error : {}) as AnthropicAPIErrorLike;
    const body = apiError.error?.error;
    const type = apiError.type ?? body?.type;
    const apiMessage = apiError.apiMessage ?? body?.message;
    return obs.recordCall({
      provider: options.provider ?? 'anthropic',
      modelName: options.request?.model || options.model || 'unknown',
      ...toAdapterCallFields(options),
      prompt: options.prompt ?? (options.request ? serializeAnthropicPrompt(options.request) : undefined),
      error: describeError(error, apiError.status, type, apiMessage),
      finishReason: options.finishReason,
      metadata: {
        ...compactFields({
          status: apiError.status,
          type,
          errorCode: apiError.errorCode,
          requestID: apiError.requestID,
          errorName: errorNameOf(error),
        }),
        ...options.metadata,
      },
    });
  } catch (reportFailure) {
    reportAdapterError(obs, 'recordAnthropicError', reportFailure);
    return undefined;
  }
}

/** `status type: message` from the response body, else the error's own message. */
function describeError(
  error: unknown,
  status: number | null | undefined,
  type: string | null | undefined,
  apiMessage: string | null | undefined,
): string {
  if (apiMessage) return [status, type ? `${type}:` : undefined, apiMessage].filter((part) => part != null).join(' ');
  if (error instanceof Error) {
    const name = errorNameOf(error) ?? error.name;
    return error.message ? `${name}: ${error.message}` : name;
  }
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message) return message;
  if (typeof error === 'string' && error) return error;
  return error == null ? 'unknown error' : String(error);
}
