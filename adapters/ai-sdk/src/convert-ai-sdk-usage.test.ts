import { describe, expect, it } from 'vitest';
import { addTokenCounts, convertAiSdkUsage } from './convert-ai-sdk-usage.js';
import { fromAnthropicMessage, fromOpenAIChat } from './test/provider-results.js';
import { loadFixture } from './test/stored-calls.js';

type Fixture = Parameters<typeof fromOpenAIChat>[1];
type AnthropicFixture = Parameters<typeof fromAnthropicMessage>[1];

const gpt4o = loadFixture<Fixture>('openai-chat-gpt-4o.json');
const o4mini = loadFixture<Fixture>('openai-chat-o4-mini.json');
const sonnet = loadFixture<AnthropicFixture>('anthropic-message-sonnet-4-5.json');

/**
 * What the SDK hands `onFinish`: the provider's usage converted by `ai` itself
 * (v5 passes V2 usage through; v6/v7 flatten V3/V4 `{ total, … }` into `…Tokens` fields).
 */
function sdkUsage(spec: 'v2' | 'v3', usage: unknown) {
  if (spec === 'v2') return usage as Record<string, number | undefined>;
  const v3 = usage as {
    inputTokens: { total?: number; noCache?: number; cacheRead?: number; cacheWrite?: number };
    outputTokens: { total?: number; text?: number; reasoning?: number };
  };
  return {
    inputTokens: v3.inputTokens.total,
    inputTokenDetails: {
      noCacheTokens: v3.inputTokens.noCache,
      cacheReadTokens: v3.inputTokens.cacheRead,
      cacheWriteTokens: v3.inputTokens.cacheWrite,
    },
    outputTokens: v3.outputTokens.total,
    outputTokenDetails: { textTokens: v3.outputTokens.text, reasoningTokens: v3.outputTokens.reasoning },
    totalTokens: (v3.inputTokens.total ?? 0) + (v3.outputTokens.total ?? 0),
  };
}

describe('convertAiSdkUsage', () => {
  it('v5 OpenAI: inputTokens already includes the cached tokens', () => {
    const turn = fromOpenAIChat('v2', gpt4o);
    expect(convertAiSdkUsage(sdkUsage('v2', turn.usage), turn.providerMetadata)).toEqual({
      promptTokens: 1000,
      completionTokens: 100,
      cachedPromptTokens: 200,
      cacheWriteTokens: undefined,
      reasoningTokens: 0,
    });
  });

  it('v5 OpenAI reasoning model: reasoning is part of the output', () => {
    const turn = fromOpenAIChat('v2', o4mini);
    expect(convertAiSdkUsage(sdkUsage('v2', turn.usage), turn.providerMetadata)).toMatchObject({
      promptTokens: 1200,
      cachedPromptTokens: 1024,
      completionTokens: 512,
      reasoningTokens: 448,
    });
  });

  it('v5 Anthropic: input total = inputTokens + cachedInputTokens + cacheCreationInputTokens', () => {
    const turn = fromAnthropicMessage('v2', sonnet);
    expect(sdkUsage('v2', turn.usage).inputTokens).toBe(50);
    expect(convertAiSdkUsage(sdkUsage('v2', turn.usage), turn.providerMetadata)).toEqual({
      promptTokens: 50 + 2000 + 1000,
      completionTokens: 300,
      cachedPromptTokens: 2000,
      cacheWriteTokens: 1000,
      reasoningTokens: undefined,
    });
  });

  it.each(['v2', 'v3'] as const)(
    '%s Anthropic: the 1-hour share of the cache writes is read from the raw usage',
    (spec) => {
      const hourly = structuredClone(sonnet);
      hourly.usage.cache_creation = { ephemeral_5m_input_tokens: 400, ephemeral_1h_input_tokens: 600 };
      const turn = fromAnthropicMessage(spec, hourly);
      expect(convertAiSdkUsage(sdkUsage(spec, turn.usage), turn.providerMetadata)).toMatchObject({
        promptTokens: 3050,
        cacheWriteTokens: 1000,
        cacheWrite1hTokens: 600,
      });
    },
  );

  it('v5 Anthropic with no cache activity reports cacheCreationInputTokens null', () => {
    const usage = { inputTokens: 80, outputTokens: 20, totalTokens: 100 };
    expect(
      convertAiSdkUsage(usage, { anthropic: { cacheCreationInputTokens: null, usage: { input_tokens: 80 } } }),
    ).toEqual({
      promptTokens: 80,
      completionTokens: 20,
      cachedPromptTokens: undefined,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
    });
  });

  it.each([
    [
      'v6/v7 OpenAI',
      fromOpenAIChat('v3', gpt4o),
      {
        promptTokens: 1000,
        cachedPromptTokens: 200,
        cacheWriteTokens: undefined,
        completionTokens: 100,
        reasoningTokens: 0,
      },
    ],
    [
      'v6/v7 Anthropic',
      fromAnthropicMessage('v3', sonnet),
      {
        promptTokens: 3050,
        cachedPromptTokens: 2000,
        cacheWriteTokens: 1000,
        completionTokens: 300,
        reasoningTokens: 120,
      },
    ],
  ])('%s: inputTokens is the total, details are its parts', (_name, turn, expected) => {
    // providerMetadata.anthropic.cacheCreationInputTokens is still there in v6; it must not be added again.
    expect(convertAiSdkUsage(sdkUsage('v3', turn.usage), turn.providerMetadata)).toEqual(expected);
  });

  it('v6/v7 with only the parts reported: totals are rebuilt from them', () => {
    const usage = {
      inputTokens: undefined,
      inputTokenDetails: { noCacheTokens: 10, cacheReadTokens: 30, cacheWriteTokens: 5 },
      outputTokens: undefined,
      outputTokenDetails: { textTokens: 7, reasoningTokens: 3 },
    };
    expect(convertAiSdkUsage(usage)).toMatchObject({ promptTokens: 45, completionTokens: 10 });
  });

  it('a v5 provider that counts reasoning apart from output gets it added', () => {
    expect(convertAiSdkUsage({ inputTokens: 10, outputTokens: 4, reasoningTokens: 20 })).toMatchObject({
      completionTokens: 24,
      reasoningTokens: 20,
    });
  });

  it('no usage at all gives no counts', () => {
    expect(convertAiSdkUsage(undefined)).toEqual({});
    expect(convertAiSdkUsage({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined })).toEqual({
      promptTokens: undefined,
      completionTokens: undefined,
      cachedPromptTokens: undefined,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
    });
  });

  it('addTokenCounts adds field by field and keeps unknown as unknown', () => {
    expect(
      addTokenCounts({ promptTokens: 5, cachedPromptTokens: 2 }, { promptTokens: 7, completionTokens: 1 }),
    ).toEqual({
      promptTokens: 12,
      completionTokens: 1,
      cachedPromptTokens: 2,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
    });
  });
});
