import { describe, expect, it } from 'vitest';
import { normalizeUsage } from './normalize-usage.js';
import { ObservatoryValidationError } from './observatory-error.js';

describe('normalizeUsage', () => {
  it('keeps totals that already include cache and reasoning parts', () => {
    expect(
      normalizeUsage({
        promptTokens: 1000,
        completionTokens: 300,
        cachedPromptTokens: 600,
        cacheWriteTokens: 100,
        reasoningTokens: 120,
      }),
    ).toEqual({
      promptTokens: 1000,
      completionTokens: 300,
      totalTokens: 1300,
      cachedPromptTokens: 600,
      cacheWriteTokens: 100,
      cacheWrite1hTokens: 0,
      reasoningTokens: 120,
      usageSource: 'reported',
    });
  });

  it('takes 1-hour cache writes as part of the cache writes, and alone as all of them', () => {
    expect(normalizeUsage({ promptTokens: 1000, cacheWriteTokens: 800, cacheWrite1hTokens: 500 })).toMatchObject({
      cacheWriteTokens: 800,
      cacheWrite1hTokens: 500,
    });
    expect(normalizeUsage({ promptTokens: 1000, cacheWrite1hTokens: 500 })).toMatchObject({
      cacheWriteTokens: 500,
      cacheWrite1hTokens: 500,
    });
  });

  it('rejects 1-hour cache writes larger than the cache writes, naming the field', () => {
    expect(() => normalizeUsage({ promptTokens: 1000, cacheWriteTokens: 300, cacheWrite1hTokens: 400 })).toThrow(
      /cacheWrite1hTokens = 400: is the part of cacheWriteTokens/,
    );
  });

  it('marks usage missing when no count was given, never inventing tokens', () => {
    expect(normalizeUsage({})).toMatchObject({ promptTokens: 0, completionTokens: 0, usageSource: 'missing' });
  });

  it('keeps an explicit usage source and a provider-reported total', () => {
    expect(
      normalizeUsage({ promptTokens: 10, completionTokens: 5, totalTokens: 17, usageSource: 'estimated' }),
    ).toMatchObject({ totalTokens: 17, usageSource: 'estimated' });
  });

  it('rejects a prompt smaller than its cache parts, naming the field (raw Anthropic input_tokens)', () => {
    const attempt = () => normalizeUsage({ promptTokens: 50, cachedPromptTokens: 900, cacheWriteTokens: 100 });
    expect(attempt).toThrow(ObservatoryValidationError);
    expect(attempt).toThrow(/promptTokens = 50: must be the total input including cache tokens/);
  });

  it('rejects reasoning larger than the completion', () => {
    expect(() => normalizeUsage({ completionTokens: 10, reasoningTokens: 11 })).toThrow(/completionTokens = 10/);
  });
});
