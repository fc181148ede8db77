import type { RecordCallInput } from '@observatory/core';
import type { OpenAIChatUsage, OpenAIResponsesUsage } from './openai-types.js';

/** Token fields of `recordCall`, under Observatory's token rule. */
export type OpenAIUsageFields = Pick<
  RecordCallInput,
  'promptTokens' | 'completionTokens' | 'totalTokens' | 'cachedPromptTokens' | 'cacheWriteTokens' | 'reasoningTokens'
>;

/**
 * Translate OpenAI usage (Chat Completions / Embeddings `prompt_tokens`, or Responses API
 * `input_tokens`) to recorded token fields. OpenAI's input count already includes cached
 * and cache-write tokens and its output count already includes reasoning tokens, which is
 * exactly Observatory's rule, so nothing is added up here. Missing usage gives no fields
 * (recorded as usage_source 'missing').
 */
export function convertOpenAIUsage(
  usage: OpenAIChatUsage | OpenAIResponsesUsage | null | undefined,
): OpenAIUsageFields {
  if (!usage || typeof usage !== 'object') return {};
  if ('input_tokens' in usage || 'output_tokens' in usage) {
    const responses = usage as OpenAIResponsesUsage;
    return {
      promptTokens: count(responses.input_tokens),
      completionTokens: count(responses.output_tokens),
      totalTokens: count(responses.total_tokens),
      cachedPromptTokens: count(responses.input_tokens_details?.cached_tokens),
      cacheWriteTokens: count(responses.input_tokens_details?.cache_write_tokens),
      reasoningTokens: count(responses.output_tokens_details?.reasoning_tokens),
    };
  }
  const chat = usage as OpenAIChatUsage;
  const promptTokens = count(chat.prompt_tokens);
  return {
    promptTokens,
    // Embeddings usage has no completion_tokens: an embedding call produces no output tokens.
    completionTokens: count(chat.completion_tokens) ?? (promptTokens === undefined ? undefined : 0),
    totalTokens: count(chat.total_tokens),
    cachedPromptTokens: count(chat.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: count(chat.prompt_tokens_details?.cache_write_tokens),
    reasoningTokens: count(chat.completion_tokens_details?.reasoning_tokens),
  };
}

/** A count as reported, or undefined when absent; wrong types are passed on for core to reject by name. */
function count(value: unknown): number | undefined {
  if (value == null) return undefined;
  return value as number;
}
