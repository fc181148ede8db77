import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { priceCall } from './price-call.js';

const usage = (
  promptTokens: number,
  completionTokens: number,
  cachedPromptTokens = 0,
  cacheWriteTokens = 0,
  cacheWrite1hTokens = 0,
) => ({ promptTokens, completionTokens, cachedPromptTokens, cacheWriteTokens, cacheWrite1hTokens });

describe('priceCall', () => {
  it('prices gpt-4o with cached input at the cached rate, counting cached tokens once', () => {
    // 1000 input of which 200 cached: 800 × $2.50/M + 200 × $1.25/M, plus 100 × $10/M output.
    expect(priceCall('openai', 'gpt-4o', usage(1000, 100, 200))).toEqual({
      totalCost: (800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6,
      costSource: 'price_table',
    });
  });

  it('prices Claude Sonnet 4.5 cache reads and writes without double counting', () => {
    // 5000 input = 1000 uncached + 3000 cache reads + 1000 cache writes; 400 output.
    const expected = (1000 * 3 + 3000 * 0.3 + 1000 * 3.75 + 400 * 15) / 1e6;
    expect(priceCall('anthropic', 'claude-sonnet-4-5-20250929', usage(5000, 400, 3000, 1000))).toEqual({
      totalCost: expected,
      costSource: 'price_table',
    });
    expect(expected).toBe(0.01365);
  });

  it('uses the long-context tier above 200k input tokens, as the price table does', () => {
    const tiered = priceCall('anthropic', 'claude-sonnet-4-5', usage(300_000, 1000));
    expect(tiered.totalCost).toBeCloseTo((300_000 * 6 + 1000 * 22.5) / 1e6, 10);
  });

  it('prices 1-hour cache writes at their own rate, below and above the long-context threshold', () => {
    // 9040 input = 40 uncached + 2500 written for 5 minutes + 6500 written for an hour; 220 output.
    expect(priceCall('anthropic', 'claude-sonnet-4-5', usage(9040, 220, 0, 9000, 6500))).toEqual({
      totalCost: (40 * 3 + 2500 * 3.75 + 6500 * 6 + 220 * 15) / 1e6,
      costSource: 'price_table',
    });
    // Over 200K input every rate doubles, the 1-hour write's too ($12/M).
    const long = priceCall('anthropic', 'claude-sonnet-4-5', usage(250_000, 100, 0, 50_000, 50_000));
    expect(long.totalCost).toBeCloseTo((200_000 * 6 + 50_000 * 12 + 100 * 22.5) / 1e6, 10);
    // A model without a 1-hour price writes at its one cache-write rate (here: the input rate).
    expect(priceCall('openai', 'gpt-4o', usage(1000, 0, 0, 1000, 1000)).totalCost).toBe((1000 * 2.5) / 1e6);
  });

  it('prices OpenAI cache writes where the model has a write price, at the price in effect on the day', () => {
    // gpt-5.6-luna: writes at 1.25× input; OpenAI cut its prices by 80% on 2026-07-30.
    const u = usage(100_000, 1000, 20_000, 30_000);
    const before = priceCall('openai', 'gpt-5.6-luna', u, { timestamp: new Date('2026-07-01T00:00:00Z') });
    const after = priceCall('openai', 'gpt-5.6-luna', u, { timestamp: new Date('2026-08-15T00:00:00Z') });
    expect(before.totalCost).toBeCloseTo((50_000 * 1 + 20_000 * 0.1 + 30_000 * 1.25 + 1000 * 6) / 1e6, 10);
    expect(after.totalCost).toBeCloseTo(before.totalCost * 0.2, 10);
  });

  it('prices a call at the custom price in effect when it was made', () => {
    const customPrices = {
      'house-llm': [
        { inputPerMTok: 2, outputPerMTok: 8 },
        { inputPerMTok: 1, outputPerMTok: 4, from: '2026-10-01T00:00:00Z' },
        { inputPerMTok: 0.5, outputPerMTok: 2, from: new Date('2026-11-01T00:00:00Z') },
      ],
    };
    const at = (iso: string) =>
      priceCall('vllm', 'house-llm', usage(1_000_000, 1_000_000), { customPrices, timestamp: new Date(iso) });
    expect(at('2026-09-30T23:59:59Z')).toEqual({ totalCost: 10, costSource: 'custom' });
    expect(at('2026-10-01T00:00:00Z')).toEqual({ totalCost: 5, costSource: 'custom' });
    expect(at('2026-11-20T00:00:00Z')).toEqual({ totalCost: 2.5, costSource: 'custom' });
    // Only dated prices, and a call before all of them: the price table (here: unknown), not a later price.
    const dated = { 'house-llm': [{ inputPerMTok: 1, outputPerMTok: 4, from: '2026-10-01' }] };
    expect(
      priceCall('vllm', 'house-llm', usage(10, 10), { customPrices: dated, timestamp: new Date('2026-09-01') }),
    ).toEqual({ totalCost: 0, costSource: 'unknown' });
  });

  it('prices 1-hour writes at a custom 1-hour price, else at the custom write price', () => {
    const u = usage(1_000_000, 0, 0, 1_000_000, 400_000);
    const withHour = { m: { inputPerMTok: 1, outputPerMTok: 1, cacheWritePerMTok: 1.25, cacheWrite1hPerMTok: 2 } };
    const withoutHour = { m: { inputPerMTok: 1, outputPerMTok: 1, cacheWritePerMTok: 1.25 } };
    expect(priceCall('x', 'm', u, { customPrices: withHour }).totalCost).toBeCloseTo(600_000e-6 * 1.25 + 0.8, 12);
    expect(priceCall('x', 'm', u, { customPrices: withoutHour }).totalCost).toBeCloseTo(1.25, 12);
  });

  it('lets a user-given cost win, then custom prices, and marks unknown models', () => {
    expect(priceCall('openai', 'gpt-4o', usage(10, 10), { userCost: 0.5 })).toEqual({
      totalCost: 0.5,
      costSource: 'user',
    });
    const customPrices = { 'acme:house-model': { inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.1 } };
    expect(priceCall('acme', 'house-model', usage(1000, 500, 400), { customPrices })).toEqual({
      totalCost: (600 * 1 + 400 * 0.1 + 500 * 2) / 1e6,
      costSource: 'custom',
    });
    expect(priceCall('acme', 'no-such-model-xyz', usage(1000, 500))).toEqual({ totalCost: 0, costSource: 'unknown' });
  });

  it('infers the provider from the model when the given one is not in the price table', () => {
    expect(priceCall('my-proxy', 'gpt-4o-mini', usage(1000, 1000))).toEqual({
      totalCost: (1000 * 0.15 + 1000 * 0.6) / 1e6,
      costSource: 'price_table',
    });
  });

  // The memoized rate card must agree with the library on every usage shape.
  const models: Array<[string, string]> = [
    ['openai', 'gpt-4o'],
    ['openai', 'gpt-4o-mini'],
    ['openai', 'o3-mini'],
    ['openai', 'gpt-4.1'],
    ['openai', 'text-embedding-3-small'],
    ['anthropic', 'claude-sonnet-4-5'],
    ['anthropic', 'claude-3-5-haiku-latest'],
    ['anthropic', 'claude-opus-4-1'],
    ['google', 'gemini-2.5-pro'],
    ['google', 'gemini-2.5-flash'],
    ['mistral', 'mistral-large-latest'],
    ['deepseek', 'deepseek-chat'],
  ];
  it.each(models)('matches the price library exactly for %s/%s across random usages', (provider, model) => {
    let seed = 7;
    const random = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % max;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 300; i++) {
      const prompt = random(i % 10 === 0 ? 400_000 : 20_000);
      const cached = random(prompt + 1);
      const written = random(prompt - cached + 1);
      const u = usage(prompt, random(8000), cached, written, i % 3 === 0 ? random(written + 1) : 0);
      const ours = priceCall(provider, model, u).totalCost;
      const library =
        calcPrice(
          {
            input_tokens: u.promptTokens,
            cache_read_tokens: u.cachedPromptTokens,
            cache_write_tokens: u.cacheWriteTokens,
            cache_write_1h_tokens: u.cacheWrite1hTokens,
            output_tokens: u.completionTokens,
          },
          model,
          { providerId: provider },
        )?.total_price ?? Number.NaN;
      if (Math.abs(ours - library) > 1e-11) mismatches.push(`${JSON.stringify(u)}: ours ${ours} library ${library}`);
    }
    expect(mismatches).toEqual([]);
  });
});
