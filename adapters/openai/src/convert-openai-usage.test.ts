import { describe, expect, it } from 'vitest';
import { convertOpenAIUsage } from './convert-openai-usage.js';

describe('convertOpenAIUsage', () => {
  it('keeps chat prompt_tokens as the total: cached tokens are already part of it', () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 2006,
        completion_tokens: 300,
        total_tokens: 2306,
        prompt_tokens_details: { cached_tokens: 1920, cache_write_tokens: 64 },
        completion_tokens_details: { reasoning_tokens: 128 },
      }),
    ).toEqual({
      promptTokens: 2006,
      completionTokens: 300,
      totalTokens: 2306,
      cachedPromptTokens: 1920,
      cacheWriteTokens: 64,
      reasoningTokens: 128,
    });
  });

  it('keeps Responses API input_tokens as the total: cached and cache-write tokens are already part of it', () => {
    expect(
      convertOpenAIUsage({
        input_tokens: 3000,
        input_tokens_details: { cached_tokens: 2048, cache_write_tokens: 512 },
        output_tokens: 2100,
        output_tokens_details: { reasoning_tokens: 1792 },
        total_tokens: 5100,
      }),
    ).toEqual({
      promptTokens: 3000,
      completionTokens: 2100,
      totalTokens: 5100,
      cachedPromptTokens: 2048,
      cacheWriteTokens: 512,
      reasoningTokens: 1792,
    });
  });

  it('gives embeddings usage zero completion tokens', () => {
    expect(convertOpenAIUsage({ prompt_tokens: 38, total_tokens: 38 })).toMatchObject({
      promptTokens: 38,
      completionTokens: 0,
      totalTokens: 38,
    });
  });

  it('leaves counts the provider did not send undefined', () => {
    expect(convertOpenAIUsage({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 })).toEqual({
      promptTokens: 10,
      completionTokens: 2,
      totalTokens: 12,
      cachedPromptTokens: undefined,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
    });
  });

  it.each([null, undefined, 'usage', 7])('gives no fields for %s', (usage) => {
    expect(convertOpenAIUsage(usage as never)).toEqual({});
  });
});
