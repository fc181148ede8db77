import type { LangChainTokenUsage, LangChainUsageMetadata } from './langchain-shapes.js';

/** Token counts in Observatory's rule: prompt includes cache tokens, completion includes reasoning. */
export interface ConvertedUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written with a 1-hour lifetime (Anthropic). */
  cacheWrite1hTokens: number;
  reasoningTokens: number;
  usageSource: 'reported' | 'estimated';
}

/**
 * Read a LangChain model run's token usage. The message's `usage_metadata` wins; the
 * integration's `llmOutput.tokenUsage` is only a fallback (it never has cache or reasoning
 * details), and `llmOutput.estimatedTokenUsage` (ChatOpenAI when streaming without usage)
 * is kept as an estimate. Returns undefined when the provider sent no usage, so the caller
 * estimates instead of recording a silent zero.
 *
 * All-zero counts count as "no usage": some integrations fill zeros when the provider
 * streamed no usage, and a response can never cost zero tokens. (LangChain's own cache
 * hits are zero on purpose; the handler records those itself.)
 *
 * `usage_metadata` does not tell a 1-hour cache write from a 5-minute one. ChatAnthropic
 * keeps Anthropic's raw usage as `response_metadata.usage`, whose
 * `cache_creation.ephemeral_1h_input_tokens` does; an integration that copies it into
 * `input_token_details` (as LangChain Python's does) is read there first.
 */
export function convertLangChainUsage(
  usageMetadata: LangChainUsageMetadata | null | undefined,
  llmOutput?: Record<string, unknown> | null,
  responseMetadata?: Record<string, unknown> | null,
): ConvertedUsage | undefined {
  if (usageMetadata && hasCounts(usageMetadata.input_tokens, usageMetadata.output_tokens, usageMetadata.total_tokens)) {
    const usage = fromUsageMetadata(usageMetadata);
    const hourWrites = count(
      usageMetadata.input_token_details?.ephemeral_1h_input_tokens ??
        anthropicRawUsage(responseMetadata)?.cache_creation?.ephemeral_1h_input_tokens,
    );
    return { ...usage, cacheWrite1hTokens: Math.min(hourWrites, usage.cacheWriteTokens) };
  }
  const reported = asTokenUsage(llmOutput?.tokenUsage);
  if (reported) return fromTokenUsage(reported, 'reported');
  const estimated = asTokenUsage(llmOutput?.estimatedTokenUsage);
  if (estimated) return fromTokenUsage(estimated, 'estimated');
  return undefined;
}

function fromUsageMetadata(usage: LangChainUsageMetadata): ConvertedUsage {
  const cachedPromptTokens = count(usage.input_token_details?.cache_read);
  const cacheWriteTokens = count(usage.input_token_details?.cache_creation);
  let promptTokens = count(usage.input_tokens);
  // LangChain documents input_tokens as the sum of all input types, and the OpenAI and
  // Anthropic integrations follow it. Cache parts larger than the total can only come from
  // an integration that left them out (as Anthropic's raw API does), so add them back
  // rather than reject the call.
  if (cachedPromptTokens + cacheWriteTokens > promptTokens) promptTokens += cachedPromptTokens + cacheWriteTokens;
  const reasoningTokens = count(usage.output_token_details?.reasoning);
  let completionTokens = count(usage.output_tokens);
  // Same reasoning for output: reasoning tokens are part of output_tokens by LangChain's rule.
  if (reasoningTokens > completionTokens) completionTokens += reasoningTokens;
  const total = count(usage.total_tokens);
  return {
    promptTokens,
    completionTokens,
    totalTokens: Math.max(total, promptTokens + completionTokens),
    cachedPromptTokens,
    cacheWriteTokens,
    cacheWrite1hTokens: 0,
    reasoningTokens,
    usageSource: 'reported',
  };
}

/** Anthropic's own usage object, as ChatAnthropic passes it on in `response_metadata.usage`. */
function anthropicRawUsage(
  responseMetadata: Record<string, unknown> | null | undefined,
): { cache_creation?: { ephemeral_1h_input_tokens?: number | null } | null } | undefined {
  const usage = responseMetadata?.usage;
  return typeof usage === 'object' && usage !== null ? usage : undefined;
}

function fromTokenUsage(usage: LangChainTokenUsage, usageSource: ConvertedUsage['usageSource']): ConvertedUsage {
  const promptTokens = count(usage.promptTokens);
  const completionTokens = count(usage.completionTokens);
  return {
    promptTokens,
    completionTokens,
    totalTokens: Math.max(count(usage.totalTokens), promptTokens + completionTokens),
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    usageSource,
  };
}

function asTokenUsage(value: unknown): LangChainTokenUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as LangChainTokenUsage;
  return hasCounts(usage.promptTokens, usage.completionTokens, usage.totalTokens) ? usage : undefined;
}

function hasCounts(...values: (number | null | undefined)[]): boolean {
  return values.some((value) => count(value) > 0);
}

/** A usable token count: a finite, non-negative integer, else 0. */
function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
