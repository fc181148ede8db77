import { describe, expect, it } from 'vitest';
import anthropicResult from './__fixtures__/chat-anthropic-result.json' with { type: 'json' };
import openaiResult from './__fixtures__/chat-openai-result.json' with { type: 'json' };
import streamedResult from './__fixtures__/chat-openai-streamed-generate.json' with { type: 'json' };
import { convertLangChainUsage } from './convert-langchain-usage.js';

describe('convertLangChainUsage', () => {
  it('reads ChatOpenAI usage_metadata with cache reads and reasoning, input already including the cache', () => {
    const message = openaiResult.generations[0][0].message;
    expect(convertLangChainUsage(message.usage_metadata, openaiResult.llmOutput)).toEqual({
      promptTokens: 1250,
      completionTokens: 180,
      totalTokens: 1430,
      cachedPromptTokens: 1024,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 64,
      usageSource: 'reported',
    });
  });

  it('reads ChatAnthropic usage_metadata, whose input_tokens already sums the raw input and both cache counts', () => {
    const message = anthropicResult.generations[0][0].message;
    const raw = message.response_metadata.usage;
    const usage = convertLangChainUsage(message.usage_metadata, anthropicResult.llmOutput);
    expect(usage).toMatchObject({
      promptTokens: raw.input_tokens + raw.cache_creation_input_tokens + raw.cache_read_input_tokens,
      cachedPromptTokens: 4096,
      cacheWriteTokens: 2048,
      completionTokens: 310,
      totalTokens: 6574,
      usageSource: 'reported',
    });
  });

  it('reads the 1-hour share of ChatAnthropic cache writes from the raw usage in response_metadata', () => {
    const message = structuredClone(anthropicResult.generations[0][0].message);
    const raw: Record<string, unknown> = message.response_metadata.usage;
    raw.cache_creation = { ephemeral_5m_input_tokens: 548, ephemeral_1h_input_tokens: 1500 };
    expect(
      convertLangChainUsage(message.usage_metadata, anthropicResult.llmOutput, message.response_metadata),
    ).toMatchObject({ cacheWriteTokens: 2048, cacheWrite1hTokens: 1500 });
    // An integration that puts it in input_token_details (LangChain Python's does) is read there.
    const details = { ...message.usage_metadata.input_token_details, ephemeral_1h_input_tokens: 700 };
    expect(
      convertLangChainUsage({ ...message.usage_metadata, input_token_details: details }, anthropicResult.llmOutput),
    ).toMatchObject({ cacheWriteTokens: 2048, cacheWrite1hTokens: 700 });
  });

  it('adds cache tokens back when an integration reports input_tokens without them', () => {
    const usage = convertLangChainUsage({
      input_tokens: 120,
      output_tokens: 10,
      total_tokens: 130,
      input_token_details: { cache_read: 4096, cache_creation: 2048 },
    });
    expect(usage).toMatchObject({
      promptTokens: 6264,
      cachedPromptTokens: 4096,
      cacheWriteTokens: 2048,
      totalTokens: 6274,
    });
  });

  it('adds reasoning tokens back when an integration reports output_tokens without them', () => {
    const usage = convertLangChainUsage({
      input_tokens: 50,
      output_tokens: 10,
      total_tokens: 60,
      output_token_details: { reasoning: 30 },
    });
    expect(usage).toMatchObject({ completionTokens: 40, reasoningTokens: 30, totalTokens: 90 });
  });

  it('falls back to llmOutput.tokenUsage only when the message has no usage_metadata', () => {
    const usage = convertLangChainUsage(undefined, {
      tokenUsage: { promptTokens: 40, completionTokens: 9, totalTokens: 49 },
    });
    expect(usage).toEqual({
      promptTokens: 40,
      completionTokens: 9,
      totalTokens: 49,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
    });
  });

  it("keeps ChatOpenAI's estimatedTokenUsage (streamed _generate) as an estimate", () => {
    const message = streamedResult.generations[0][0].message as { usage_metadata?: undefined };
    expect(convertLangChainUsage(message.usage_metadata, streamedResult.llmOutput)).toMatchObject({
      promptTokens: 23,
      completionTokens: 7,
      usageSource: 'estimated',
    });
  });

  it('returns undefined when there is no usage, or only zeros, so the caller estimates', () => {
    expect(convertLangChainUsage(undefined, {})).toBeUndefined();
    expect(convertLangChainUsage(undefined, undefined)).toBeUndefined();
    expect(
      convertLangChainUsage({ input_tokens: 0, output_tokens: 0, total_tokens: 0 }, { tokenUsage: {} }),
    ).toBeUndefined();
  });

  it('ignores counts that are not finite non-negative numbers', () => {
    const usage = convertLangChainUsage({
      input_tokens: 10,
      output_tokens: Number.NaN,
      total_tokens: null,
      input_token_details: { cache_read: -3 },
    });
    expect(usage).toMatchObject({ promptTokens: 10, completionTokens: 0, totalTokens: 10, cachedPromptTokens: 0 });
  });
});
