import { ObservatoryValidationError } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { generateObject, generateText, jsonSchema, simulateReadableStream, stepCountIs, streamText, tool } from 'ai7';
import { MockLanguageModelV4 } from 'ai7/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observatoryOnFinish } from './index.js';
import {
  fromAnthropicMessage,
  fromOpenAIChat,
  generateResult,
  type ProviderTurn,
  streamParts,
} from './test/provider-results.js';
import { loadFixture, storedCalls } from './test/stored-calls.js';

// ai@7 declares engines node >= 22; these tests run it on the workspace's Node 20.
type StreamResult = Awaited<ReturnType<MockLanguageModelV4['doStream']>>;

const gpt4o = fromOpenAIChat('v4', loadFixture('openai-chat-gpt-4o.json'));
const sonnet = fromAnthropicMessage('v4', loadFixture('anthropic-message-sonnet-4-5.json'));
const sonnetToolLoop = loadFixture<unknown[]>('anthropic-tool-loop.json').map((m) =>
  fromAnthropicMessage('v4', m as never),
);

function streamingModel(provider: string, modelId: string, turns: ProviderTurn[]) {
  return new MockLanguageModelV4({
    provider,
    modelId,
    doStream: turns.map(
      (turn): StreamResult => ({
        stream: simulateReadableStream({
          chunks: streamParts('v4', turn) as never[],
          initialDelayInMs: 30,
          chunkDelayInMs: 2,
        }),
      }),
    ),
  });
}

function generatingModel(provider: string, modelId: string, turns: ProviderTurn[]) {
  return new MockLanguageModelV4({ provider, modelId, doGenerate: turns.map((turn) => generateResult('v4', turn)) });
}

const weather = tool({
  description: 'Current weather in a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
  execute: async ({ city }) => ({ city, celsius: 18, sky: 'sunny' }),
});

describe.each(testDatabases())(`ai@7 on Node ${process.versions.node}, %s`, (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('generateText onEnd (the v7 name of onFinish), OpenAI gpt-4o with cached input', async () => {
    const { obs } = t;
    const result = await generateText({
      model: generatingModel('openai.chat', 'gpt-4o', [gpt4o]),
      prompt: 'What changed in 4.2?',
      onEnd: observatoryOnFinish(obs, { agentName: 'Summarizer', metadata: { ticket: 42 } }),
    });

    expect(result.text).toBe(gpt4o.text);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        promptTokens: 1000,
        cachedPromptTokens: 200,
        completionTokens: 100,
        agentName: 'Summarizer',
        metadata: { ticket: 42 },
        responseText: gpt4o.text,
        finishReason: 'stop',
        ttftMs: null,
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6, 12);
  });

  it('streamText with onFinish alone: v7 measures the time to first output itself', async () => {
    const { obs } = t;
    const result = streamText({
      model: streamingModel('anthropic.messages', 'claude-sonnet-4-5', [sonnet]),
      prompt: 'Summarise the contract.',
      onFinish: observatoryOnFinish(obs, { agentName: 'Lawyer' }),
    });
    await result.consumeStream();

    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        promptTokens: 3050,
        cachedPromptTokens: 2000,
        cacheWriteTokens: 1000,
        completionTokens: 300,
        reasoningTokens: 120,
      }),
    ]);
    const [row] = rows;
    expect(row.totalCost).toBeCloseTo((50 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / 1e6, 12);
    expect(row.ttftMs).toBeGreaterThanOrEqual(25);
    expect(row.latencyMs).toBeGreaterThan(row.ttftMs ?? Number.POSITIVE_INFINITY);
  });

  it('a streamText tool loop: v7 end usage is already the total, and is not counted twice', async () => {
    const { obs } = t;
    const result = streamText({
      model: streamingModel('anthropic.messages', 'claude-sonnet-4-5', sonnetToolLoop),
      prompt: 'Weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      ...observatoryOnFinish(obs, { agentName: 'Concierge' }),
    });
    await result.consumeStream();

    expect((await result.steps).length).toBe(2);
    expect((await result.usage).inputTokens).toBe(1900 + 1620);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        promptTokens: 1900 + 1620,
        cachedPromptTokens: 1500,
        cacheWriteTokens: 1500,
        completionTokens: 140,
        metadata: { steps: 2 },
        responseText: 'Let me look up the weather.\n\nIt is 18°C and sunny in Paris.',
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo(
      (400 * 3 + 1500 * 3.75 + 80 * 15 + (120 * 3 + 1500 * 0.3 + 60 * 15)) / 1e6,
      12,
    );
  });

  it('generateObject has onFinish in v7; its event names no model, so the model option does', async () => {
    const { obs } = t;
    const model = generatingModel('openai.chat', 'gpt-4o', [{ ...gpt4o, text: '{"fixes": 3}' }]);
    const result = await generateObject({
      model,
      schema: jsonSchema<{ fixes: number }>({
        type: 'object',
        properties: { fixes: { type: 'number' } },
        required: ['fixes'],
      }),
      prompt: 'How many fixes?',
      onFinish: observatoryOnFinish(obs, { model, operationName: 'count_fixes' }),
    });

    expect(result.object).toEqual({ fixes: 3 });
    expect(await storedCalls(obs)).toEqual([
      expect.objectContaining({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        operationName: 'count_fixes',
        promptTokens: 1000,
        responseText: '{"fixes":3}',
      }),
    ]);
  });

  it('a provider error: the stream fails exactly as without the adapter, and onError records it', async () => {
    const { obs } = t;
    const failing = () =>
      new MockLanguageModelV4({
        provider: 'anthropic.messages',
        modelId: 'claude-sonnet-4-5',
        doStream: async () => {
          throw new Error('529 Overloaded');
        },
      });
    const caught = (promise: PromiseLike<unknown>) =>
      Promise.resolve(promise).then(
        () => undefined,
        (e: unknown) => e,
      );

    const plain = await caught(streamText({ model: failing(), prompt: 'Hi', onError: () => {} }).text);
    const model = failing();
    const hooked = await caught(
      streamText({ model, prompt: 'Hi', ...observatoryOnFinish(obs, { agentName: 'Greeter', model }) }).text,
    );

    expect(hooked).toBeInstanceOf(Error);
    expect((hooked as Error).constructor).toBe((plain as Error).constructor);
    expect((hooked as Error).message).toBe((plain as Error).message);
    expect(await storedCalls(obs)).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        error: 'Error: 529 Overloaded',
        finishReason: 'error',
        usageSource: 'missing',
      }),
    ]);
  });

  it('an exception inside the adapter never reaches the user: same result, reported to onError, nothing stored', async () => {
    const { obs, errors } = t;
    const broken: ProviderTurn = {
      ...gpt4o,
      usage: { inputTokens: { total: 100, cacheRead: 500 }, outputTokens: { total: 5 } },
    };
    const run = (hooks: object) =>
      generateText({ model: generatingModel('openai.chat', 'gpt-4o', [broken]), prompt: 'Hi', ...hooks });

    const plain = await run({});
    const hooked = await run({ onEnd: observatoryOnFinish(obs) });

    expect({ text: hooked.text, usage: hooked.usage, finishReason: hooked.finishReason }).toEqual({
      text: plain.text,
      usage: plain.usage,
      finishReason: plain.finishReason,
    });
    expect(errors).toEqual([expect.any(ObservatoryValidationError)]);
    expect(await storedCalls(obs)).toEqual([]);
  });
});
