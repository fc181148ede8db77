import { priceCall } from '@observatory/core';

/** Token sums of a group of calls, as the rollups give them. */
export interface UsageTotals {
  totalCalls: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
}

/**
 * What a group's traffic would cost on another model. Prices the group's *average* call
 * and multiplies by the number of calls: pricing the summed tokens as one giant call
 * would wrongly apply long-context tiers (e.g. above 200K input tokens) to everything.
 * Cache reads and writes keep their share of the input. Returns null for a model with
 * no known price.
 */
export function repriceUsage(totals: UsageTotals, provider: string, model: string): number | null {
  if (totals.totalCalls <= 0) return 0;
  const n = totals.totalCalls;
  const price = priceCall(provider, model, {
    promptTokens: totals.promptTokens / n,
    completionTokens: totals.completionTokens / n,
    cachedPromptTokens: totals.cachedPromptTokens / n,
    cacheWriteTokens: totals.cacheWriteTokens / n,
  });
  if (price.costSource === 'unknown') return null;
  return price.totalCost * n;
}

/** What the same traffic would have cost with no provider prompt caching (every input token at full price). */
export function priceWithoutPromptCache(totals: UsageTotals, provider: string, model: string): number | null {
  return repriceUsage({ ...totals, cachedPromptTokens: 0, cacheWriteTokens: 0 }, provider, model);
}
