import { priceCall } from '@observatory/core';

/** A model a scenario can move traffic to, with its list prices (US dollars per million tokens). */
export interface CatalogModel {
  provider: string;
  model: string;
  inputPerMTok: number;
  cachedInputPerMTok: number;
  outputPerMTok: number;
}

/** Popular models offered as scenario targets, besides every model already in the store. */
const POPULAR: ReadonlyArray<readonly [string, string]> = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1'],
  ['openai', 'gpt-4.1-mini'],
  ['openai', 'gpt-4.1-nano'],
  ['openai', 'o4-mini'],
  ['openai', 'o3'],
  ['openai', 'gpt-5'],
  ['openai', 'gpt-5-mini'],
  ['anthropic', 'claude-opus-4-1'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-sonnet-4'],
  ['anthropic', 'claude-haiku-4-5'],
  ['anthropic', 'claude-3-5-haiku-latest'],
  ['google', 'gemini-2.5-pro'],
  ['google', 'gemini-2.5-flash'],
  ['google', 'gemini-2.0-flash'],
  ['mistral', 'mistral-large-latest'],
  ['deepseek', 'deepseek-chat'],
];

/** Unit prices of the popular models plus `extra` (provider, model) pairs; unpriced models are left out. */
export function buildModelCatalog(extra: ReadonlyArray<readonly [string, string]> = []): CatalogModel[] {
  const seen = new Set<string>();
  const catalog: CatalogModel[] = [];
  for (const [provider, model] of [...extra, ...POPULAR]) {
    const key = `${provider}\u0000${model}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const per = (usage: { promptTokens?: number; completionTokens?: number; cachedPromptTokens?: number }) => {
      const price = priceCall(provider, model, {
        promptTokens: usage.promptTokens ?? 0,
        completionTokens: usage.completionTokens ?? 0,
        cachedPromptTokens: usage.cachedPromptTokens ?? 0,
        cacheWriteTokens: 0,
      });
      return price.costSource === 'unknown' ? null : price.totalCost;
    };
    // Priced at 100K tokens, under every long-context tier, then scaled to a million.
    const input = per({ promptTokens: 100_000 });
    const cached = per({ promptTokens: 100_000, cachedPromptTokens: 100_000 });
    const output = per({ completionTokens: 100_000 });
    if (input === null || cached === null || output === null) continue;
    catalog.push({
      provider,
      model,
      inputPerMTok: input * 10,
      cachedInputPerMTok: cached * 10,
      outputPerMTok: output * 10,
    });
  }
  return catalog;
}
