import { ObservatoryValidationError } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { generateText, jsonSchema, simulateReadableStream, stepCountIs, streamObject, streamText, tool } from 'ai5';
import { MockLanguageModelV2 } from 'ai5/test';
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

type ModelOptions = ConstructorParameters<typeof MockLanguageModelV2>[0];
type StreamResult = Awaited<ReturnType<MockLanguageModelV2['doStream']>>;

const gpt4o = fromOpenAIChat('v2', loadFixture('openai-chat-gpt-4o.json'));
const o4mini = fromOpenAIChat('v2', loadFixture('openai-chat-o4-mini.json'));
const sonnet = fromAnthropicMessage('v2', loadFixture('anthropic-message-sonnet-4-5.json'));
const sonnetToolLoop = loadFixture<unknown[]>('anthropic-tool-loop.json').map((message) =>
  fromAnthropicMessage('v2', message as never),
);

/** A v5 mock model streaming the turns, one per step, with a first-chunk delay. */
function streamingModel(provider: string, modelId: string, turns: ProviderTurn[], options: ModelOptions = {}) {
  return new MockLanguageModelV2({
    provider,
    modelId,
    doStream: turns.map(
      (turn): StreamResult => ({
        stream: simulateReadableStream({
          chunks: streamParts('v2', turn) as never[],
          initialDelayInMs: 30,
          chunkDelayInMs: 2,
        }),
      }),
    ),
    ...options,
  });
}

function generatingModel(provider: string, modelId: string, turns: ProviderTurn[]) {
  return new MockLanguageModelV2({ provider, modelId, doGenerate: turns.map((turn) => generateResult('v2', turn)) });
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

describe.each(testDatabases())('ai@5 on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('streamText (OpenAI gpt-4o, cached input): one row with tokens, dollars, labels, text and time to first token', async () => {
    const { obs } = t;
    const model = streamingModel('openai.chat', 'gpt-4o', [gpt4o]);
    const messages = [{ role: 'user' as const, content: 'What changed in 4.2?' }];
    const session = obs.startSession('support_ticket');

    const result = streamText({
      model,
      system: 'You summarise release notes.',
      messages,
      ...observatoryOnFinish(obs, {
        agentName: 'Summarizer',
        operationName: 'summarize',
        sessionId: session.id,
        metadata: { ticket: 42 },
        prompt: messages,
      }),
    });
    const text = await result.text;

    expect(text).toBe(gpt4o.text);
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
        totalTokens: 1100,
        usageSource: 'reported',
        costSource: 'price_table',
        agentName: 'Summarizer',
        operationName: 'summarize',
        sessionId: session.id,
        metadata: { ticket: 42 },
        prompt: 'user: What changed in 4.2?',
        responseText: gpt4o.text,
        finishReason: 'stop',
        error: null,
      }),
    ]);
    const [row] = rows;
    expect(row.totalCost).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6, 12);
    // The first text delta comes after the stream's 30 ms initial delay.
    expect(row.ttftMs).toBeGreaterThanOrEqual(25);
    expect(row.latencyMs).toBeGreaterThan(row.ttftMs ?? Number.POSITIVE_INFINITY);
  });

  it('onFinish alone (no onChunk) records the call without a time to first token', async () => {
    const { obs } = t;
    const result = streamText({
      model: streamingModel('openai.chat', 'gpt-4o', [gpt4o]),
      prompt: 'What changed in 4.2?',
      onFinish: observatoryOnFinish(obs, { agentName: 'Summarizer' }),
    });
    await result.consumeStream();

    const rows = await storedCalls(obs);
    expect(rows).toEqual([expect.objectContaining({ agentName: 'Summarizer', promptTokens: 1000, ttftMs: null })]);
    expect(rows[0].latencyMs).toBeGreaterThanOrEqual(25);
  });

  it('generateText has no onFinish: recordGenerateResult, Anthropic cache reads and writes counted once', async () => {
    const { obs } = t;
    const model = generatingModel('anthropic.messages', 'claude-sonnet-4-5', [sonnet]);
    const startedAt = Date.now();

    const result = await generateText({ model, prompt: 'Summarise the contract.' });
    const call = recordGenerateResult(obs, result, {
      model,
      startedAt,
      agentName: 'Lawyer',
      prompt: 'Summarise the contract.',
    });

    // v5 reports Anthropic's own input_tokens: cache reads and writes are not in it.
    expect(result.usage.inputTokens).toBe(50);
    expect(call?.id).toBeTypeOf('string');
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        id: call?.id,
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        promptTokens: 50 + 2000 + 1000,
        cachedPromptTokens: 2000,
        cacheWriteTokens: 1000,
        completionTokens: 300,
        totalTokens: 3350,
        agentName: 'Lawyer',
        prompt: 'Summarise the contract.',
        responseText: sonnet.text,
        ttftMs: null,
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo((50 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / 1e6, 12);
  });

  it('a v5 reasoning model (o4-mini): reasoning stays inside the completion tokens', async () => {
    const { obs } = t;
    const model = generatingModel('openai.responses', 'o4-mini', [o4mini]);
    const result = await generateText({ model, prompt: 'Is 17 prime?' });
    recordGenerateResult(obs, result, { model, latencyMs: 812 });

    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'openai',
        modelName: 'o4-mini-2025-04-16',
        promptTokens: 1200,
        cachedPromptTokens: 1024,
        completionTokens: 512,
        reasoningTokens: 448,
        latencyMs: 812,
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo(((1200 - 1024) * 1.1 + 1024 * 0.275 + 512 * 4.4) / 1e6, 12);
  });

  it('a streamText tool loop is one row per request, summed over its steps (each step normalised)', async () => {
    const { obs } = t;
    const model = streamingModel('anthropic.messages', 'claude-sonnet-4-5', sonnetToolLoop);

    const result = streamText({
      model,
      prompt: 'Weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      ...observatoryOnFinish(obs, { agentName: 'Concierge', model }),
    });
    await result.consumeStream();

    expect((await result.steps).length).toBe(2);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        promptTokens: 400 + 1500 + (120 + 1500),
        cachedPromptTokens: 1500,
        cacheWriteTokens: 1500,
        completionTokens: 80 + 60,
        metadata: { steps: 2 },
        responseText: 'Let me look up the weather.\n\nIt is 18°C and sunny in Paris.',
        finishReason: 'stop',
      }),
    ]);
    expect(rows[0].totalCost).toBeCloseTo(
      (400 * 3 + 1500 * 3.75 + 80 * 15 + (120 * 3 + 1500 * 0.3 + 60 * 15)) / 1e6,
      12,
    );
  });

  it('streamObject onFinish: the object is the response, the provider comes from the model option', async () => {
    const { obs } = t;
    const model = streamingModel('openai.chat', 'gpt-4o', [{ ...gpt4o, text: '{"fixes": 3}' }]);
    const result = streamObject({
      model,
      schema: jsonSchema<{ fixes: number }>({
        type: 'object',
        properties: { fixes: { type: 'number' } },
        required: ['fixes'],
      }),
      prompt: 'How many fixes?',
      onFinish: observatoryOnFinish(obs, { model, operationName: 'count_fixes' }),
    });

    for await (const _partial of result.partialObjectStream) {
      // streamObject only runs while its stream is read.
    }

    expect(await result.object).toEqual({ fixes: 3 });
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        operationName: 'count_fixes',
        promptTokens: 1000,
        responseText: '{"fixes":3}',
        error: null,
      }),
    ]);
  });

  it('a provider error: the stream fails exactly as without the adapter, and the failure is recorded', async () => {
    const { obs } = t;
    const failing = () =>
      streamingModel('anthropic.messages', 'claude-sonnet-4-5', [], {
        doStream: async () => {
          throw new Error('529 Overloaded');
        },
      });
    const silent = () => {};

    const plain = streamText({ model: failing(), prompt: 'Hi', onError: silent });
    const plainError = await plain.text.catch((error: unknown) => error);
    const model = failing();
    const hooked = streamText({
      model,
      prompt: 'Hi',
      ...observatoryOnFinish(obs, { agentName: 'Greeter', model }),
    });
    const hookedError = await hooked.text.catch((error: unknown) => error);

    expect(hookedError).toBeInstanceOf(Error);
    expect((hookedError as Error).constructor).toBe((plainError as Error).constructor);
    expect((hookedError as Error).message).toBe((plainError as Error).message);
    const rows = await storedCalls(obs);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        agentName: 'Greeter',
        error: 'Error: 529 Overloaded',
        finishReason: 'error',
        usageSource: 'missing',
        totalCost: 0,
      }),
    ]);
  });

  it('an exception inside the adapter never reaches the user: same result, reported to onError, nothing stored', async () => {
    const { obs, errors } = t;
    // Cache reads larger than the input: the observatory (strict here) rejects the counts.
    const broken: ProviderTurn = { ...gpt4o, usage: { inputTokens: 100, outputTokens: 5, cachedInputTokens: 500 } };
    const run = (hooks: object) =>
      streamText({ model: streamingModel('openai.chat', 'gpt-4o', [broken]), prompt: 'Hi', ...hooks });

    const plain = run({});
    const hooked = run(observatoryOnFinish(obs));
    const outcome = async (result: ReturnType<typeof run>) => ({
      text: await result.text,
      usage: await result.usage,
      finishReason: await result.finishReason,
      response: (await result.response).modelId,
    });

    expect(await outcome(hooked)).toEqual(await outcome(plain));
    expect(recordGenerateResult(obs, null as never)).toBeUndefined();
    expect(errors).toEqual([expect.any(ObservatoryValidationError), expect.any(Error)]);
    expect(String(errors[0])).toContain('promptTokens');
    expect(await storedCalls(obs)).toEqual([]);
  });
});
