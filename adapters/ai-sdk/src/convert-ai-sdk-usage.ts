import type { AiSdkProviderMetadata, AiSdkUsage } from './types.js';

/**
 * Token counts under Observatory's rule: `promptTokens` is the total input including
 * cache reads and writes, `completionTokens` includes reasoning. A field is undefined
 * when the SDK reported nothing for it.
 */
export interface AiSdkTokenCounts {
  promptTokens?: number;
  completionTokens?: number;
  cachedPromptTokens?: number;
  cacheWriteTokens?: number;
  /** The part of cacheWriteTokens written with a 1-hour lifetime (Anthropic). */
  cacheWrite1hTokens?: number;
  reasoningTokens?: number;
}

/**
 * Normalise one AI SDK usage object (one step, or a single-call result).
 *
 * - v6 / v7 (`inputTokenDetails` present): `inputTokens` is already the total input and
 *   the details are its parts, for every provider.
 * - v5 (flat): `inputTokens` is whatever the provider called input. The Anthropic provider
 *   passes `input_tokens` through, which *excludes* cache reads and writes, and reports
 *   cache writes only in `providerMetadata.anthropic.cacheCreationInputTokens`; so for
 *   Anthropic the total is the sum of the three. OpenAI's `inputTokens` is `prompt_tokens`,
 *   which already includes cached tokens.
 *
 * No version's usage tells a 1-hour cache write from a 5-minute one; the Anthropic
 * provider passes its raw usage on as `providerMetadata.anthropic.usage`, whose
 * `cache_creation.ephemeral_1h_input_tokens` does (v5, v6 and v7 alike).
 */
export function convertAiSdkUsage(
  usage: AiSdkUsage | null | undefined,
  providerMetadata?: AiSdkProviderMetadata | null,
): AiSdkTokenCounts {
  if (!usage) return {};
  const counts =
    usage.inputTokenDetails || usage.outputTokenDetails
      ? convertDetailedUsage(usage)
      : convertFlatUsage(usage, providerMetadata);
  const rawAnthropicUsage = asRecord(asRecord(providerMetadata?.anthropic)?.usage);
  const cacheWrite1hTokens = count(asRecord(rawAnthropicUsage?.cache_creation)?.ephemeral_1h_input_tokens);
  return cacheWrite1hTokens ? { ...counts, cacheWrite1hTokens } : counts;
}

/** Add two step counts field by field; a field stays undefined only if both are. */
export function addTokenCounts(a: AiSdkTokenCounts, b: AiSdkTokenCounts): AiSdkTokenCounts {
  return {
    promptTokens: addDefined(a.promptTokens, b.promptTokens),
    completionTokens: addDefined(a.completionTokens, b.completionTokens),
    cachedPromptTokens: addDefined(a.cachedPromptTokens, b.cachedPromptTokens),
    cacheWriteTokens: addDefined(a.cacheWriteTokens, b.cacheWriteTokens),
    cacheWrite1hTokens: addDefined(a.cacheWrite1hTokens, b.cacheWrite1hTokens),
    reasoningTokens: addDefined(a.reasoningTokens, b.reasoningTokens),
  };
}

function convertDetailedUsage(usage: AiSdkUsage): AiSdkTokenCounts {
  const input = usage.inputTokenDetails;
  const output = usage.outputTokenDetails;
  const cachedPromptTokens = count(input?.cacheReadTokens);
  const cacheWriteTokens = count(input?.cacheWriteTokens);
  const reasoningTokens = count(output?.reasoningTokens);
  return {
    promptTokens:
      count(usage.inputTokens) ?? sumDefined(count(input?.noCacheTokens), cachedPromptTokens, cacheWriteTokens),
    completionTokens: count(usage.outputTokens) ?? sumDefined(count(output?.textTokens), reasoningTokens),
    cachedPromptTokens,
    cacheWriteTokens,
    reasoningTokens,
  };
}

function convertFlatUsage(
  usage: AiSdkUsage,
  providerMetadata: AiSdkProviderMetadata | null | undefined,
): AiSdkTokenCounts {
  const input = count(usage.inputTokens);
  const cachedPromptTokens = count(usage.cachedInputTokens);
  const reasoningTokens = count(usage.reasoningTokens);
  const output = count(usage.outputTokens);

  const anthropic = asRecord(providerMetadata?.anthropic);
  let promptTokens: number | undefined;
  let cacheWriteTokens: number | undefined;
  if (anthropic) {
    cacheWriteTokens = count(anthropic.cacheCreationInputTokens);
    promptTokens = sumDefined(input, cachedPromptTokens, cacheWriteTokens);
  } else {
    // OpenAI reports cache writes (when it does) beside usage; prompt_tokens already includes them.
    cacheWriteTokens = count(asRecord(asRecord(providerMetadata?.openai)?.usage)?.cacheWriteTokens);
    promptTokens = input;
  }

  // Providers that count reasoning apart from output (reasoning > output cannot be a part
  // of it) would otherwise have the call rejected; their completion is the sum.
  const completionTokens =
    reasoningTokens !== undefined && (output ?? 0) < reasoningTokens ? (output ?? 0) + reasoningTokens : output;

  return { promptTokens, completionTokens, cachedPromptTokens, cacheWriteTokens, reasoningTokens };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function addDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}

function sumDefined(...values: Array<number | undefined>): number | undefined {
  let total: number | undefined;
  for (const value of values) total = addDefined(total, value);
  return total;
}
