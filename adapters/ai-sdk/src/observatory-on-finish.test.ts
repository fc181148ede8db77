import { type LLMCall, type Observatory, ObservatoryError, ObservatoryValidationError } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AiSdkModelInfo, type AiSdkRecordOptions, observatoryOnFinish, recordGenerateResult } from './index.js';
import { type AiSdkVersion, aiSdkVersions, type CallOptions, type TextStream } from './test/ai-sdk-versions.js';
import { expectSameFailure, settled } from './test/expect-same-failure.js';
import { failingModel, generatingModel, streamingModel } from './test/mock-models.js';
import { fromAnthropicMessage, fromOpenAIChat, type ProviderTurn, type Spec } from './test/provider-results.js';
import { loadFixture, storedCalls } from './test/stored-calls.js';

// One suite for ai 5, 6 and 7: every behaviour runs on each major, on SQLite and PostgreSQL.
// What really differs between the majors (mock model class, option names, result shapes) is
// named in the version table, test/ai-sdk-versions.ts.

/** US dollars of the fixtures' usage, from per-million prices (gpt-4o 2.5 / 1.25 cached / 10; Sonnet 4.5 3 / 0.3 read / 3.75 write / 15). */
const GPT_4O_CACHED_COST = (800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6;
const GPT_4O_TOOL_LOOP_COST = (900 * 2.5 + 40 * 10 + ((980 - 896) * 2.5 + 896 * 1.25 + 60 * 10)) / 1e6;
const O4_MINI_COST = ((1200 - 1024) * 1.1 + 1024 * 0.275 + 512 * 4.4) / 1e6;
const SONNET_CACHED_COST = (50 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / 1e6;
const SONNET_TOOL_LOOP_COST = (400 * 3 + 1500 * 3.75 + 80 * 15 + (120 * 3 + 1500 * 0.3 + 60 * 15)) / 1e6;

/** The trimmed real responses, as the provider package of each spec hands them to `ai`. */
function providerTurns(spec: Spec) {
  return {
    gpt4o: fromOpenAIChat(spec, loadFixture('openai-chat-gpt-4o.json')),
    o4mini: fromOpenAIChat(spec, loadFixture('openai-chat-o4-mini.json')),
    gpt4oToolLoop: loadFixture<unknown[]>('openai-chat-tool-loop.json').map((c) => fromOpenAIChat(spec, c as never)),
    sonnet: fromAnthropicMessage(spec, loadFixture('anthropic-message-sonnet-4-5.json')),
    sonnetToolLoop: loadFixture<unknown[]>('anthropic-tool-loop.json').map((m) =>
      fromAnthropicMessage(spec, m as never),
    ),
  };
}

/** Cache reads larger than the input, in the spec's usage shape: counts the observatory (strict here) rejects. */
function impossibleUsage(spec: Spec): unknown {
  return spec === 'v2'
    ? { inputTokens: 100, outputTokens: 5, cachedInputTokens: 500 }
    : { inputTokens: { total: 100, cacheRead: 500 }, outputTokens: { total: 5 } };
}

/**
 * `generateText`, recorded the way the version allows: by its end callback (v6 `onFinish`,
 * v7 `onEnd`), or, as v5 has none, by `recordGenerateResult` from the call's start.
 */
async function generateTextRecorded(
  { ai, generateTextEnd }: AiSdkVersion,
  obs: Observatory,
  options: CallOptions,
  record: AiSdkRecordOptions,
) {
  if (generateTextEnd) return ai.generateText({ ...options, [generateTextEnd]: observatoryOnFinish(obs, record) });
  const startedAt = Date.now();
  const result = await ai.generateText(options);
  recordGenerateResult(obs, result, { ...record, startedAt });
  return result;
}

/** `generateObject`, recorded by its `onFinish` (v7 only), else by `recordGenerateResult`. */
async function generateObjectRecorded(
  { ai, generateObjectEnd }: AiSdkVersion,
  obs: Observatory,
  options: CallOptions,
  record: AiSdkRecordOptions,
) {
  if (generateObjectEnd)
    return ai.generateObject({ ...options, [generateObjectEnd]: observatoryOnFinish(obs, record) });
  const startedAt = Date.now();
  const result = await ai.generateObject(options);
  recordGenerateResult(obs, result, { ...record, startedAt });
  return result;
}

/**
 * The store holds exactly one call, with these fields and, when given, this cost in US
 * dollars. On failure it prints every stored call.
 */
async function expectOneCall(obs: Observatory, fields: object, totalCost?: number): Promise<LLMCall> {
  const rows = await storedCalls(obs);
  expect(rows).toEqual([expect.objectContaining(fields)]);
  if (totalCost !== undefined) expect(rows[0].totalCost).toBeCloseTo(totalCost, 12);
  return rows[0];
}

/** v5 steps name no model: there the hook is told the model (v6 and v7 read it from the steps). */
function modelOptionFor(version: AiSdkVersion, model: AiSdkModelInfo): Pick<AiSdkRecordOptions, 'model'> {
  return version.stepsNameTheModel ? {} : { model };
}

describe.each(aiSdkVersions)('observatoryOnFinish and recordGenerateResult with $name', (version) => {
  const { ai } = version;
  const { gpt4o, o4mini, gpt4oToolLoop, sonnet, sonnetToolLoop } = providerTurns(version.spec);

  /** The row of anthropic-message-sonnet-4-5.json: raw input 50, 2000 read, 1000 written, 300 output (120 thinking). */
  const sonnetRow = (agentName: string) => ({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5-20250929',
    promptTokens: 50 + 2000 + 1000,
    cachedPromptTokens: 2000,
    cacheWriteTokens: 1000,
    completionTokens: 300,
    reasoningTokens: version.anthropicReportsReasoning ? 120 : 0,
    agentName,
    responseText: sonnet.text,
  });
  /** `usage.inputTokens` the SDK reports for that answer: v5 keeps Anthropic's own, without cache tokens. */
  const sonnetInputTokens = version.anthropicInputIsTotal ? 3050 : 50;
  const summarizerLabels = { agentName: 'Summarizer', operationName: 'summarize', metadata: { ticket: 42 } };
  /** The row of openai-chat-gpt-4o.json labelled by `summarizerLabels`: 1000 input (200 cached), 100 output. */
  const gpt4oRow = {
    ...summarizerLabels,
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
    responseText: gpt4o.text,
    finishReason: 'stop',
    error: null,
  };

  const weather = ai.tool({
    description: 'Current weather in a city',
    inputSchema: ai.jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
    execute: async ({ city }: { city: string }) => ({ city, celsius: 18, sky: 'sunny' }),
  });
  const fixesSchema = ai.jsonSchema({
    type: 'object',
    properties: { fixes: { type: 'number' } },
    required: ['fixes'],
  });
  /** The row of an object call answered by the gpt-4o fixture with `{"fixes": 3}`. */
  const fixesRow = {
    provider: 'openai',
    modelName: 'gpt-4o-2024-08-06',
    operationName: 'count_fixes',
    promptTokens: 1000,
    responseText: '{"fixes":3}',
    error: null,
  };

  describe.each(testDatabases())('on %s', (database) => {
    let t: TestObservatory;
    beforeEach(async () => {
      t = await createTestObservatory({ database });
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('generateText (OpenAI gpt-4o, cached input): one row with tokens, dollars, labels and text, no time to first token', async () => {
      const { obs } = t;
      const session = obs.startSession('release_notes');

      const result = await generateTextRecorded(
        version,
        obs,
        { model: generatingModel(version, 'openai.chat', 'gpt-4o', [gpt4o]), prompt: 'What changed in 4.2?' },
        { ...summarizerLabels, sessionId: session.id, prompt: 'What changed in 4.2?' },
      );

      expect(result.text).toBe(gpt4o.text);
      await expectOneCall(
        obs,
        { ...gpt4oRow, sessionId: session.id, prompt: 'What changed in 4.2?', ttftMs: null },
        GPT_4O_CACHED_COST,
      );
    });

    it('streamText with the hook spread (OpenAI gpt-4o, messages): the time to first token comes from onChunk', async () => {
      const { obs } = t;
      const session = obs.startSession('support_ticket');
      const messages = [{ role: 'user' as const, content: 'What changed in 4.2?' }];

      const result = ai.streamText({
        model: streamingModel(version, 'openai.chat', 'gpt-4o', [gpt4o]),
        [version.instructionsOption]: 'You summarise release notes.',
        messages,
        ...observatoryOnFinish(obs, { ...summarizerLabels, sessionId: session.id, prompt: messages }),
      });

      expect(await result.text).toBe(gpt4o.text);
      const row = await expectOneCall(
        obs,
        { ...gpt4oRow, sessionId: session.id, prompt: 'user: What changed in 4.2?' },
        GPT_4O_CACHED_COST,
      );
      // The first text delta comes after the stream's 30 ms initial delay.
      expect(row.ttftMs).toBeGreaterThanOrEqual(25);
      expect(row.latencyMs).toBeGreaterThan(row.ttftMs ?? Number.POSITIVE_INFINITY);
    });

    it('streamText with onFinish alone (Anthropic): tokens counted once; a time to first token only where the SDK measures it', async () => {
      const { obs } = t;
      const result = ai.streamText({
        model: streamingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', [sonnet]),
        prompt: 'Summarise the contract.',
        onFinish: observatoryOnFinish(obs, { agentName: 'Lawyer' }),
      });
      await result.consumeStream();

      const row = await expectOneCall(obs, sonnetRow('Lawyer'), SONNET_CACHED_COST);
      expect(row.latencyMs).toBeGreaterThanOrEqual(25);
      if (version.measuresTimeToFirstOutput) {
        expect(row.ttftMs).toBeGreaterThanOrEqual(25);
        expect(row.latencyMs).toBeGreaterThan(row.ttftMs ?? Number.POSITIVE_INFINITY);
      } else {
        // Without onChunk, v5 and v6 give no time to first token.
        expect(row.ttftMs).toBeNull();
      }
    });

    it('streamText with the hook spread (Anthropic, cache read + write + thinking): cache tokens counted once', async () => {
      const { obs } = t;
      const result = ai.streamText({
        model: streamingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', [sonnet]),
        prompt: 'Summarise the contract.',
        ...observatoryOnFinish(obs, { agentName: 'Lawyer', prompt: 'Summarise the contract.' }),
      });
      await result.consumeStream();

      expect((await result.usage).inputTokens).toBe(sonnetInputTokens);
      const row = await expectOneCall(
        obs,
        { ...sonnetRow('Lawyer'), prompt: 'Summarise the contract.' },
        SONNET_CACHED_COST,
      );
      // The first output (the thinking delta) comes after the stream's 30 ms initial delay.
      expect(row.ttftMs).toBeGreaterThanOrEqual(25);
      expect(row.latencyMs).toBeGreaterThan(row.ttftMs ?? Number.POSITIVE_INFINITY);
    });

    it('recordGenerateResult (Anthropic): returns the recorded call; cache reads and writes counted once', async () => {
      const { obs } = t;
      const model = generatingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', [sonnet]);
      const startedAt = Date.now();

      const result = await ai.generateText({ model, prompt: 'Summarise the contract.' });
      const call = recordGenerateResult(obs, result, {
        model,
        startedAt,
        agentName: 'Lawyer',
        prompt: 'Summarise the contract.',
      });

      expect(result.usage.inputTokens).toBe(sonnetInputTokens);
      expect(call?.id).toBeTypeOf('string');
      await expectOneCall(
        obs,
        {
          ...sonnetRow('Lawyer'),
          id: call?.id,
          totalTokens: 3350,
          prompt: 'Summarise the contract.',
          ttftMs: null,
        },
        SONNET_CACHED_COST,
      );
    });

    it('recordGenerateResult of a reasoning model (o4-mini): reasoning stays inside the completion tokens', async () => {
      const { obs } = t;
      const model = generatingModel(version, 'openai.responses', 'o4-mini', [o4mini]);
      const result = await ai.generateText({ model, prompt: 'Is 17 prime?' });
      recordGenerateResult(obs, result, { model, latencyMs: 812 });

      await expectOneCall(
        obs,
        {
          provider: 'openai',
          modelName: 'o4-mini-2025-04-16',
          promptTokens: 1200,
          cachedPromptTokens: 1024,
          completionTokens: 512,
          reasoningTokens: 448,
          latencyMs: 812,
        },
        O4_MINI_COST,
      );
    });

    it('a streamText tool loop (Anthropic) is one row, summed over its steps, each step normalised', async () => {
      const { obs } = t;
      const model = streamingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', sonnetToolLoop);

      const result = ai.streamText({
        model,
        prompt: 'Weather in Paris?',
        tools: { weather },
        stopWhen: ai.stepCountIs(3),
        ...observatoryOnFinish(obs, { agentName: 'Concierge', ...modelOptionFor(version, model) }),
      });
      await result.consumeStream();

      expect((await result.steps).length).toBe(2);
      // Steps (input, cache read, cache write): (400, 0, 1500), (120, 1500, 0). v7's usage is
      // already the total, which must not be added again; v5 and v6 give the last step's.
      const lastStepInput = version.anthropicInputIsTotal ? 120 + 1500 : 120;
      expect((await result.usage).inputTokens).toBe(version.usageIsTotal ? 1900 + 1620 : lastStepInput);
      await expectOneCall(
        obs,
        {
          provider: 'anthropic',
          modelName: 'claude-sonnet-4-5-20250929',
          agentName: 'Concierge',
          promptTokens: 1900 + 1620,
          cachedPromptTokens: 1500,
          cacheWriteTokens: 1500,
          completionTokens: 80 + 60,
          metadata: { steps: 2 },
          responseText: 'Let me look up the weather.\n\nIt is 18°C and sunny in Paris.',
          finishReason: 'stop',
        },
        SONNET_TOOL_LOOP_COST,
      );
    });

    it('a generateText tool loop (OpenAI) is one row, summed over its two model calls', async () => {
      const { obs } = t;
      const result = await generateTextRecorded(
        version,
        obs,
        {
          model: generatingModel(version, 'openai.chat', 'gpt-4o', gpt4oToolLoop),
          prompt: 'Weather in Paris?',
          tools: { weather },
          stopWhen: ai.stepCountIs(3),
        },
        { agentName: 'Concierge' },
      );

      expect(result.steps.length).toBe(2);
      expect(result.usage.inputTokens).toBe(version.usageIsTotal ? 1880 : 980);
      expect(result.totalUsage.inputTokens).toBe(1880);
      await expectOneCall(
        obs,
        {
          provider: 'openai',
          agentName: 'Concierge',
          promptTokens: 900 + 980,
          cachedPromptTokens: 896,
          completionTokens: 40 + 60,
          metadata: { steps: 2 },
          responseText: 'It is 18°C and sunny in Paris.',
          finishReason: 'stop',
        },
        GPT_4O_TOOL_LOOP_COST,
      );
    });

    it('streamObject onFinish: the object is the response; its event names no model, so the model option does', async () => {
      const { obs } = t;
      const model = streamingModel(version, 'openai.chat', 'gpt-4o', [{ ...gpt4o, text: '{"fixes": 3}' }]);
      const result = ai.streamObject({
        model,
        schema: fixesSchema,
        prompt: 'How many fixes?',
        onFinish: observatoryOnFinish(obs, { model, operationName: 'count_fixes' }),
      });
      for await (const _partial of result.partialObjectStream) {
        // streamObject only runs while its stream is read.
      }

      expect(await result.object).toEqual({ fixes: 3 });
      await expectOneCall(obs, fixesRow);
    });

    it('generateObject: recorded by onFinish where it has one (v7), else by recordGenerateResult', async () => {
      const { obs } = t;
      const model = generatingModel(version, 'openai.chat', 'gpt-4o', [{ ...gpt4o, text: '{"fixes": 3}' }]);

      const result = await generateObjectRecorded(
        version,
        obs,
        { model, schema: fixesSchema, prompt: 'How many fixes?' },
        { model, operationName: 'count_fixes' },
      );

      expect(result.object).toEqual({ fixes: 3 });
      await expectOneCall(obs, fixesRow);
    });

    it('an aborted stream is recorded once, as aborted, with its time to first token', async () => {
      const { obs } = t;
      const controller = new AbortController();
      const model = streamingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', [sonnet]);
      const hook = observatoryOnFinish(obs, { agentName: 'Lawyer', model });
      const result = ai.streamText({
        model,
        prompt: 'Summarise the contract.',
        abortSignal: controller.signal,
        ...hook,
        onChunk: (event: Parameters<typeof hook.onChunk>[0]) => {
          hook.onChunk(event);
          // Stop at the first output: v7 also passes start, start-step and reasoning-start here.
          if (event.chunk.type.endsWith('-delta')) controller.abort();
        },
      });
      await result.consumeStream();

      const row = await expectOneCall(obs, {
        agentName: 'Lawyer',
        error: 'aborted',
        provider: 'anthropic',
        usageSource: 'missing',
      });
      expect(row.ttftMs).toBeGreaterThanOrEqual(25);
    });

    it('a provider error: streamText fails exactly as without the adapter, and onError records the failure', async () => {
      const { obs } = t;
      const failing = () => failingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', '529 Overloaded');

      const plain = await settled(ai.streamText({ model: failing(), prompt: 'Hi', onError: () => {} }).text);
      const model = failing();
      const hooked = await settled(
        ai.streamText({ model, prompt: 'Hi', ...observatoryOnFinish(obs, { agentName: 'Greeter', model }) }).text,
      );

      expectSameFailure(hooked, plain);
      await expectOneCall(obs, {
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        agentName: 'Greeter',
        error: 'Error: 529 Overloaded',
        finishReason: 'error',
        usageSource: 'missing',
        totalCost: 0,
      });
    });

    it.runIf(version.generateTextEnd)(
      'a provider error: generateText fails exactly as without its end callback, which it never calls',
      async () => {
        const { obs } = t;
        const failing = () => failingModel(version, 'openai.chat', 'gpt-4o', '429 Rate limit reached');

        const plain = await settled(ai.generateText({ model: failing(), prompt: 'Hi', maxRetries: 0 }));
        const hooked = await settled(
          generateTextRecorded(
            version,
            obs,
            { model: failing(), prompt: 'Hi', maxRetries: 0 },
            { agentName: 'Greeter' },
          ),
        );

        expectSameFailure(hooked, plain);
        expect(await storedCalls(obs)).toEqual([]);
      },
    );

    it('an exception inside the adapter (streamText) never reaches the user: same result, reported to onError, nothing stored', async () => {
      const { obs, errors } = t;
      const broken: ProviderTurn = { ...gpt4o, usage: impossibleUsage(version.spec) };
      const run = (hooks: object) =>
        ai.streamText({ model: streamingModel(version, 'openai.chat', 'gpt-4o', [broken]), prompt: 'Hi', ...hooks });
      const outcome = async (result: TextStream) => ({
        text: await result.text,
        usage: await result.usage,
        finishReason: await result.finishReason,
        response: (await result.response).modelId,
      });

      const plain = run({});
      const hooked = run(observatoryOnFinish(obs));

      expect(await outcome(hooked)).toEqual(await outcome(plain));
      expect(errors).toEqual([expect.any(ObservatoryValidationError)]);
      expect(String(errors[0])).toContain('promptTokens');
      expect(await storedCalls(obs)).toEqual([]);
    });

    it('an exception inside the adapter (generateText) never reaches the user: same result, reported to onError, nothing stored', async () => {
      const { obs, errors } = t;
      const broken: ProviderTurn = { ...gpt4o, usage: impossibleUsage(version.spec) };
      const model = () => generatingModel(version, 'openai.chat', 'gpt-4o', [broken]);

      const plain = await ai.generateText({ model: model(), prompt: 'Hi' });
      const hooked = await generateTextRecorded(version, obs, { model: model(), prompt: 'Hi' }, {});
      // Not a result at all: a bug of the caller, reported, not thrown.
      const nothing = recordGenerateResult(obs, null as never);

      expect({ text: hooked.text, usage: hooked.usage, finishReason: hooked.finishReason }).toEqual({
        text: plain.text,
        usage: plain.usage,
        finishReason: plain.finishReason,
      });
      expect(nothing).toBeUndefined();
      expect(errors).toEqual([expect.any(ObservatoryValidationError), expect.any(ObservatoryError)]);
      expect(String(errors[0])).toContain('promptTokens');
      expect(String(errors[1])).toContain('AI SDK recordGenerateResult failed: ');
      expect(await storedCalls(obs)).toEqual([]);
    });
  });
});
