import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it('adds cache reads and cache writes to input_tokens, which excludes them', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 24,
        cache_read_input_tokens: 12000,
        cache_creation_input_tokens: 1800,
        output_tokens: 410,
      }),
    ).toEqual({
      promptTokens: 24 + 12000 + 1800,
      completionTokens: 410,
      cachedPromptTokens: 12000,
      cacheWriteTokens: 1800,
      reasoningTokens: undefined,
    });
  });

  it('reads thinking tokens as reasoning, already part of output_tokens', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 30,
        output_tokens: 1450,
        output_tokens_details: { thinking_tokens: 1100 },
      }),
    ).toMatchObject({ promptTokens: 30, completionTokens: 1450, reasoningTokens: 1100 });
  });

  it('treats null cache counts (older models, batch results) as absent', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 350,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: null,
        output_tokens: 120,
        output_tokens_details: null,
      }),
    ).toEqual({
      promptTokens: 350,
      completionTokens: 120,
      cachedPromptTokens: undefined,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
    });
  });

  it('passes a non-number count through so the observatory rejects it by name', () => {
    expect(convertAnthropicUsage({ input_tokens: '12' as unknown as number, output_tokens: 1 }).promptTokens).toBe(
      '12',
    );
  });

  it.each([null, undefined, 'usage'])('gives no fields for %s', (usage) => {
    expect(convertAnthropicUsage(usage as never)).toEqual({});
  });
});
