import type { UsageSource } from './models.js';
import { ObservatoryValidationError } from './observatory-error.js';

/** Token counts as given to `recordCall` (all optional). */
export interface UsageInput {
  promptTokens?: number | null;
  completionTokens?: number | null;
  totalTokens?: number | null;
  cachedPromptTokens?: number | null;
  cacheWriteTokens?: number | null;
  cacheWrite1hTokens?: number | null;
  reasoningTokens?: number | null;
  usageSource?: UsageSource;
}

/** Token counts under the one rule used everywhere. */
export interface NormalizedUsage {
  /** Total input: uncached + cache reads + cache writes. */
  promptTokens: number;
  /** Total output, reasoning included. */
  completionTokens: number;
  totalTokens: number;
  /** Part of promptTokens read from the provider's prompt cache. */
  cachedPromptTokens: number;
  /** Part of promptTokens written to the provider's prompt cache. */
  cacheWriteTokens: number;
  /** Part of cacheWriteTokens written with a 1-hour lifetime (Anthropic), priced higher than a 5-minute write. */
  cacheWrite1hTokens: number;
  /** Part of completionTokens spent on reasoning / thinking. */
  reasoningTokens: number;
  usageSource: UsageSource;
}

/**
 * Apply the token rule: `promptTokens` is the total input *including* cache reads and
 * writes, `completionTokens` includes reasoning. Counts that break the rule are rejected
 * rather than guessed at: a prompt smaller than its cache parts almost always means a raw
 * Anthropic `input_tokens` (which excludes cache tokens) was passed, and silently fixing
 * it one way or the other would get the cost wrong.
 */
export function normalizeUsage(usage: UsageInput): NormalizedUsage {
  const cachedPromptTokens = usage.cachedPromptTokens ?? 0;
  const cacheWrite1hTokens = usage.cacheWrite1hTokens ?? 0;
  // A 1-hour write is a cache write: given alone, it is all of them.
  const cacheWriteTokens = usage.cacheWriteTokens ?? cacheWrite1hTokens;
  const reasoningTokens = usage.reasoningTokens ?? 0;
  const promptTokens = usage.promptTokens ?? cachedPromptTokens + cacheWriteTokens;
  const completionTokens = usage.completionTokens ?? reasoningTokens;

  if (cachedPromptTokens + cacheWriteTokens > promptTokens) {
    throw new ObservatoryValidationError('recordCall input', [
      {
        field: 'promptTokens',
        value: promptTokens,
        message: `must be the total input including cache tokens, but cachedPromptTokens (${cachedPromptTokens}) + cacheWriteTokens (${cacheWriteTokens}) exceed it; for Anthropic add cache_read_input_tokens and cache_creation_input_tokens to input_tokens`,
      },
    ]);
  }
  if (cacheWrite1hTokens > cacheWriteTokens) {
    throw new ObservatoryValidationError('recordCall input', [
      {
        field: 'cacheWrite1hTokens',
        value: cacheWrite1hTokens,
        message: `is the part of cacheWriteTokens written with a 1-hour lifetime, but exceeds cacheWriteTokens (${cacheWriteTokens}); for Anthropic cacheWriteTokens is cache_creation_input_tokens (both lifetimes)`,
      },
    ]);
  }
  if (reasoningTokens > completionTokens) {
    throw new ObservatoryValidationError('recordCall input', [
      {
        field: 'completionTokens',
        value: completionTokens,
        message: `must include reasoning tokens, but reasoningTokens (${reasoningTokens}) exceed it`,
      },
    ]);
  }

  const anyCount = usage.promptTokens != null || usage.completionTokens != null || usage.totalTokens != null;
  return {
    promptTokens,
    completionTokens,
    totalTokens: usage.totalTokens ?? promptTokens + completionTokens,
    cachedPromptTokens,
    cacheWriteTokens,
    cacheWrite1hTokens,
    reasoningTokens,
    usageSource: usage.usageSource ?? (anyCount ? 'reported' : 'missing'),
  };
}
