import { ObservatoryValidationError } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import {
  generateObject,
  generateText,
  jsonSchema,
  simulateReadableStream,
  stepCountIs,
  streamObject,
  streamText,
  tool,
} from 'ai6';
import { MockLanguageModelV3 } from 'ai6/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observatoryOnFinish, recordGenerateResult } from './index.js';
import {
  fromAnthropicMessage,
  fromOpenAIChat,
  generateResult,
  type ProviderTurn,
  streamParts,
} from './test/provider-results.js';
import { loadFixture, storedCalls } from './test/stored-calls.js';

type ModelOptions = ConstructorParameters<typeof MockLanguageModelV3>[0];
type StreamResult = Awaited<ReturnType<MockLanguageModelV3['doStream']>>;

const gpt4o = fromOpenAIChat('v3', loadFixture('openai-chat-gpt-4o.json'));
const gpt4oToolLoop = loadFixture<unknown[]>('openai-chat-tool-loop.json').map((c) => fromOpenAIChat('v3', c as never));
const sonnet = fromAnthropicMessage('v3', loadFixture('anthropic-message-sonnet-4-5.json'));

function streamingModel(provider: string, modelId: string, turns: ProviderTurn[], options: ModelOptions = {}) {
  return new MockLanguageModelV3({
    provider,
    modelId,
    doStream: turns.map(
      (turn): StreamResult => ({
        stream: simulateReadableStream({
          chunks: streamParts('v3', turn) as never[],
          initialDelayInMs: 30,
          chunkDelayInMs: 2,
        }),
      }),
    ),
    ...options,
  });
}

function generatingModel(provider: string, modelId: string, turns: ProviderTurn[]) {
  return new MockLanguageModelV3({ provider, modelId, doGenerate: turns.map((turn) => generateResult('v3', turn)) });
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

const fixesSchema = jsonSchema<{ fixes: number }>({
  type: 'object',
  properties: { fixes: { type: 'number' } },
  required: ['fixes'],
});

describe.each(testDatabases())('ai@6 on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('generateText onFinish (OpenAI gpt-4o, cached input): provider from model.provider, model from the response', async () => {
    const { obs } = t;
    const session = obs.startSession('release_notes');
    const result = await generateText({
      model: generatingModel('openai.chat', 'gpt-4o', [gpt4o]),
      prompt: 'What changed in 4.2?',
      onFinish: observatoryOnFinish(obs, {
        agentName: 'Summarizer',
        operationName: 'summarize',
        sessionId: session.id,
        metadata: { ticket: 42 },
        prompt: 'What changed in 4.2?',
      }),
    });

    expect(result.text).toBe(gpt4o.text);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        promptTokens: 1000,
        cachedPromptTokens: 200,
        cacheWriteTokens: 0,
        completionTokens: 100,
        reasoningTokens: 0,
        agentName: 'Summarizer',
        operationName: 'summarize',
        sessionId: session.id,
        metadata: { ticket: 42 },
        prompt: 'What changed in 4.2?',
        responseText: gpt4o.text,
        finishReason: 'stop',
        ttftMs: null,
        error: null,
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6, 12);
  });

  it('streamText spread (Anthropic, cache read + write + thinking): inputTokens is already the total', async () => {
    const { obs } = t;
    const result = streamText({
      model: streamingModel('anthropic.messages', 'claude-sonnet-4-5', [sonnet]),
      prompt: 'Summarise the contract.',
      ...observatoryOnFinish(obs, { agentName: 'Lawyer', prompt: 'Summarise the contract.' }),
    });
    await result.consumeStream();

    expect((await result.usage).inputTokens).toBe(3050);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        promptTokens: 50 + 2000 + 1000,
        cachedPromptTokens: 2000,
        cacheWriteTokens: 1000,
        completionTokens: 300,
        reasoningTokens: 120,
        agentName: 'Lawyer',
        responseText: sonnet.text,
      }),
    ]);
    const [row] = rows;
    expect(row.totalCost).toBeCloseTo((50 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / 1e6, 12);
    // The first output (the thinking delta) comes after the stream's 30 ms initial delay.
    expect(row.ttftMs).toBeGreaterThanOrEqual(25);
    expect(row.latencyMs).toBeGreaterThan(row.ttftMs ?? Number.POSITIVE_INFINITY);
  });

  it('a generateText tool loop is one row, summed over its two model calls', async () => {
    const { obs } = t;
    const result = await generateText({
      model: generatingModel('openai.chat', 'gpt-4o', gpt4oToolLoop),
      prompt: 'Weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      onFinish: observatoryOnFinish(obs, { agentName: 'Concierge' }),
    });

    expect(result.steps.length).toBe(2);
    // v6: `usage` is the last step's, `totalUsage` the sum.
    expect(result.usage.inputTokens).toBe(980);
    expect(result.totalUsage.inputTokens).toBe(1880);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        promptTokens: 900 + 980,
        cachedPromptTokens: 896,
        completionTokens: 40 + 60,
        metadata: { steps: 2 },
        responseText: 'It is 18°C and sunny in Paris.',
        finishReason: 'stop',
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo((900 * 2.5 + 40 * 10 + ((980 - 896) * 2.5 + 896 * 1.25 + 60 * 10)) / 1e6, 12);
  });

  it('streamObject has onFinish; generateObject has none in v6, so its result is recorded', async () => {
    const { obs } = t;
    const objectTurn = { ...gpt4o, text: '{"fixes": 3}' };
    const streamingOpenAI = streamingModel('openai.chat', 'gpt-4o', [objectTurn]);
    const streamed = streamObject({
      model: streamingOpenAI,
      schema: fixesSchema,
      prompt: 'How many fixes?',
      onFinish: observatoryOnFinish(obs, { model: streamingOpenAI, operationName: 'stream_object' }),
    });
    for await (const _partial of streamed.partialObjectStream) {
      // streamObject only runs while its stream is read.
    }
    const generatingOpenAI = generatingModel('openai.chat', 'gpt-4o', [objectTurn]);
    const generated = await generateObject({ model: generatingOpenAI, schema: fixesSchema, prompt: 'How many fixes?' });
    recordGenerateResult(obs, generated, { model: generatingOpenAI, operationName: 'generate_object', latencyMs: 640 });

    expect(generated.object).toEqual({ fixes: 3 });
    // Sorted by name: the recorded result's timestamp is its start, 640 ms before it was recorded.
    const rows = (await storedCalls(obs)).sort((a, b) =>
      String(a.operationName).localeCompare(String(b.operationName)),
    );
    const expected = {
      provider: 'openai',
      modelName: 'gpt-4o-2024-08-06',
      promptTokens: 1000,
      responseText: '{"fixes":3}',
    };
    expect(rows).toEqual([
      expect.objectContaining({ ...expected, operationName: 'generate_object', latencyMs: 640 }),
      expect.objectContaining({ ...expected, operationName: 'stream_object' }),
    ]);
  });

  it('an aborted stream is recorded once, as aborted, with its time to first token', async () => {
    const { obs } = t;
    const controller = new AbortController();
    const model = streamingModel('anthropic.messages', 'claude-sonnet-4-5', [sonnet]);
    const hook = observatoryOnFinish(obs, { agentName: 'Lawyer', model });
    const result = streamText({
      model,
      prompt: 'Summarise the contract.',
      abortSignal: controller.signal,
      ...hook,
      onChunk: (event) => {
        hook.onChunk(event);
        controller.abort();
      },
    });
    await result.consumeStream();

    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({ agentName: 'Lawyer', error: 'aborted', provider: 'anthropic', usageSource: 'missing' }),
    ]);
    expect(rows[0].ttftMs).toBeGreaterThanOrEqual(25);
  });

  it('a provider error: generateText and streamText fail exactly as without the adapter', async () => {
    const { obs } = t;
    const failing = () =>
      new MockLanguageModelV3({
        provider: 'openai.chat',
        modelId: 'gpt-4o',
        doGenerate: async () => {
          throw new Error('429 Rate limit reached');
        },
        doStream: async () => {
          throw new Error('429 Rate limit reached');
        },
      });
    const caught = (promise: PromiseLike<unknown>) =>
      Promise.resolve(promise).then(
        () => undefined,
        (e: unknown) => e,
      );

    const plainGenerate = await caught(generateText({ model: failing(), prompt: 'Hi', maxRetries: 0 }));
    const hookedGenerate = await caught(
      generateText({ model: failing(), prompt: 'Hi', maxRetries: 0, onFinish: observatoryOnFinish(obs) }),
    );
    const plainStream = await caught(streamText({ model: failing(), prompt: 'Hi', onError: () => {} }).text);
    const model = failing();
    const hookedStream = await caught(
      streamText({ model, prompt: 'Hi', ...observatoryOnFinish(obs, { agentName: 'Greeter', model }) }).text,
    );

    for (const [hooked, plain] of [
      [hookedGenerate, plainGenerate],
      [hookedStream, plainStream],
    ]) {
      expect(hooked).toBeInstanceOf(Error);
      expect((hooked as Error).constructor).toBe((plain as Error).constructor);
      expect((hooked as Error).message).toBe((plain as Error).message);
    }
    // generateText calls no callback on failure; the stream's onError records it.
    expect(await storedCalls(obs)).toEqual([
      expect.objectContaining({
        provider: 'openai',
        modelName: 'gpt-4o',
        agentName: 'Greeter',
        error: 'Error: 429 Rate limit reached',
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
    const hooked = await run({ onFinish: observatoryOnFinish(obs) });

    expect({ text: hooked.text, usage: hooked.usage, finishReason: hooked.finishReason }).toEqual({
      text: plain.text,
      usage: plain.usage,
      finishReason: plain.finishReason,
    });
    expect(errors).toEqual([expect.any(ObservatoryValidationError)]);
    expect(await storedCalls(obs)).toEqual([]);
  });
});
