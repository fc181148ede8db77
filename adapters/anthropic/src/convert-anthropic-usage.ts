import type { RecordCallInput } from '@observatory/core';
import type { AnthropicUsage } from './anthropic-types.js';

/** Token fields of `recordCall`, under Observatory's token rule. */
export type AnthropicUsageFields = Pick<
  RecordCallInput,
  | 'promptTokens'
  | 'completionTokens'
  | 'cachedPromptTokens'
  | 'cacheWriteTokens'
  | 'cacheWrite1hTokens'
  | 'reasoningTokens'
>;

/**
 * Translate Anthropic usage to recorded token fields. Anthropic's `input_tokens` counts
 * only the *uncached* input, so the total input is `input_tokens + cache_read_input_tokens
 * + cache_creation_input_tokens`; recording `input_tokens` alone would under-count input,
 * and subtracting cache tokens from it again (as for OpenAI) would go negative.
 * `cache_creation_input_tokens` counts writes of both lifetimes; `cache_creation` splits
 * them, and the 1-hour part is priced at its own rate (2× input instead of 1.25×).
 * `output_tokens` already includes thinking tokens. Missing usage gives no fields
 * (recorded as usage_source 'missing').
 */
export function convertAnthropicUsage(usage: AnthropicUsage | null | undefined): AnthropicUsageFields {
  if (!usage || typeof usage !== 'object') return {};
  const uncached = usage.input_tokens ?? undefined;
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage.cache_creation_input_tokens ?? undefined;
  const anyInput = uncached !== undefined || cacheRead !== undefined || cacheWrite !== undefined;
  return {
    promptTokens: anyInput ? sum(uncached, cacheRead, cacheWrite) : undefined,
    completionTokens: usage.output_tokens ?? undefined,
    cachedPromptTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? undefined,
    reasoningTokens: usage.output_tokens_details?.thinking_tokens ?? undefined,
  };
}

/** Sum of the counts given; a non-number is passed through as-is so core rejects it by name. */
function sum(...counts: Array<number | undefined>): number {
  let total = 0;
  for (const count of counts) {
    if (count === undefined) continue;
    if (typeof count !== 'number') return count;
    total += count;
  }
  return total;
}
