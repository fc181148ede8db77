import type { LLMCall, Observatory } from '@observatory/core';
import { compactFields, errorNameOf, reportAdapterError, toAdapterCallFields } from '@observatory/core';
import type { OpenAIAPIErrorLike } from './openai-types.js';
import type { RecordOpenAIOptions } from './record-openai-response.js';
import { serializeOpenAIPrompt } from './serialize-openai-prompt.js';

/**
 * Record a failed OpenAI request: the call is stored with no tokens, the error text
 * (`429 rate_limit_exceeded: Rate limit reached…`) in `error`, and the APIError's
 * `status`, `code`, `type` and `requestID` in metadata. Any other thrown value (a network
 * error, an abort) is stored by its message. Never throws; pass the request params or
 * `model` so the call is named after its model.
 *
 * @example
 * try {
 *   await client.chat.completions.create(request)
 * } catch (error) {
 *   recordOpenAIError(obs, error, { request, startTime })
 *   throw error
 * }
 */
export function recordOpenAIError(
  obs: Observatory,
  error: unknown,
  options: RecordOpenAIOptions = {},
): LLMCall | undefined {
  try {
    // Recording is off: skip reading the result at all.
    if (!obs.enabled) return undefined;
    const apiError = (error && typeof error === 'object' ? error : {}) as OpenAIAPIErrorLike;
    return obs.recordCall({
      provider: options.provider ?? 'openai',
      modelName: options.request?.model || options.model || 'unknown',
      ...toAdapterCallFields(options),
      prompt: options.prompt ?? (options.request ? serializeOpenAIPrompt(options.request, 'chat') : undefined),
      error: describeError(error, apiError),
      finishReason: options.finishReason,
      metadata: {
        ...compactFields({
          status: apiError.status,
          code: apiError.code,
          type: apiError.type,
          param: apiError.param,
          requestID: apiError.requestID ?? apiError.request_id,
          errorName: errorNameOf(error),
        }),
        ...options.metadata,
      },
    });
  } catch (reportFailure) {
    reportAdapterError(obs, 'recordOpenAIError', reportFailure);
    return undefined;
  }
}

/** `status code: message` from the response body, else the error's own message. */
function describeError(error: unknown, apiError: OpenAIAPIErrorLike): string {
  const bodyMessage = typeof apiError.error?.message === 'string' ? apiError.error.message : undefined;
  if (apiError.status != null && bodyMessage) {
    const code = apiError.code ?? apiError.type;
    return `${apiError.status} ${code ? `${code}: ` : ''}${bodyMessage}`;
  }
  if (error instanceof Error) {
    const name = errorNameOf(error) ?? error.name;
    return error.message ? `${name}: ${error.message}` : name;
  }
  if (typeof apiError.message === 'string' && apiError.message) return apiError.message;
  if (typeof error === 'string' && error) return error;
  return error == null ? 'unknown error' : String(error);
}
