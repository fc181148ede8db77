import { describe, expect, it } from 'vitest';
import { buildModelCatalog } from './model-catalog.js';
import { priceWithoutPromptCache, repriceUsage } from './reprice-usage.js';

describe('repriceUsage', () => {
  it('reprices a group’s token sums at another model’s prices', () => {
    // 100 calls on any model: 800K input (200K of it cached), 100K output. On gpt-4o:
    const totals = {
      totalCalls: 100,
      promptTokens: 800_000,
      completionTokens: 100_000,
      cachedPromptTokens: 200_000,
      cacheWriteTokens: 0,
    };
    expect(repriceUsage(totals, 'openai', 'gpt-4o')).toBeCloseTo(
      (600_000 * 2.5 + 200_000 * 1.25 + 100_000 * 10) / 1e6,
      9,
    );
    expect(priceWithoutPromptCache(totals, 'openai', 'gpt-4o')).toBeCloseTo((800_000 * 2.5 + 100_000 * 10) / 1e6, 9);
  });

  it('prices the average call, so summed tokens never reach a long-context tier', () => {
    // 1,000 calls of 10K input each on claude-sonnet-4-5 ($3/M below 200K input per call, $6/M above).
    const totals = {
      totalCalls: 1000,
      promptTokens: 10_000_000,
      completionTokens: 0,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
    };
    expect(repriceUsage(totals, 'anthropic', 'claude-sonnet-4-5')).toBeCloseTo((10_000_000 * 3) / 1e6, 6);
  });

  it('returns null for a model without a price', () => {
    const totals = { totalCalls: 1, promptTokens: 10, completionTokens: 1, cachedPromptTokens: 0, cacheWriteTokens: 0 };
    expect(repriceUsage(totals, 'acme', 'no-such-model-xyz')).toBeNull();
  });
});

describe('buildModelCatalog', () => {
  it('lists unit prices per million tokens and skips unpriced models', () => {
    const catalog = buildModelCatalog([['acme', 'no-such-model-xyz']]);
    expect(catalog.find((m) => m.model === 'no-such-model-xyz')).toBeUndefined();
    expect(catalog.find((m) => m.model === 'gpt-4o')).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      inputPerMTok: expect.closeTo(2.5, 9),
      cachedInputPerMTok: expect.closeTo(1.25, 9),
      outputPerMTok: expect.closeTo(10, 9),
    });
  });
});
