import { setTimeout as sleep } from 'node:timers/promises';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import * as ai6 from 'ai6';
import { MockLanguageModelV3 } from 'ai6/test';
import * as ai7 from 'ai7';
import { MockLanguageModelV4 } from 'ai7/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerObservatoryTelemetry } from './index.js';
import { fromAnthropicMessage, fromOpenAIChat, generateResult, streamParts } from './test/provider-results.js';
import { loadFixture, storedCalls } from './test/stored-calls.js';

const openAIFixture = loadFixture<Parameters<typeof fromOpenAIChat>[1]>('openai-chat-gpt-4o.json');
const anthropicFixture = loadFixture<Parameters<typeof fromAnthropicMessage>[1]>('anthropic-message-sonnet-4-5.json');

/** The gpt-4o fixture, answered after `delayMs` (generate), or first streamed after it. */
function slowOpenAIOptions(spec: 'v3' | 'v4', delayMs: number) {
  const turn = fromOpenAIChat(spec, openAIFixture);
  return {
    provider: 'openai.chat',
    modelId: 'gpt-4o',
    doGenerate: async () => {
      await sleep(delayMs);
      return generateResult(spec, turn);
    },
    doStream: async () => ({
      stream: ai7.simulateReadableStream({
        chunks: streamParts(spec, turn) as never[],
        initialDelayInMs: delayMs,
        chunkDelayInMs: 2,
      }),
    }),
  };
}
const slowOpenAI6 = (delayMs: number) => new MockLanguageModelV3(slowOpenAIOptions('v3', delayMs));
const slowOpenAI7 = (delayMs: number) => new MockLanguageModelV4(slowOpenAIOptions('v4', delayMs));

const gpt4oCost = (800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6;

describe.each(testDatabases())('registerObservatoryTelemetry on %s', (database) => {
  let t: TestObservatory;
  let unregister: () => void = () => {};
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    unregister();
    await t.cleanup();
  });

  describe('ai@6 (registerTelemetryIntegration)', () => {
    it('records generateText and streamText; agent and session from the call’s telemetry metadata', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, {
        register: ai6.registerTelemetryIntegration,
        agentName: 'assistant',
      });
      const session = obs.startSession('research');

      await ai6.generateText({
        model: slowOpenAI6(40),
        system: 'Answer briefly.',
        prompt: 'What changed in 4.2?',
        experimental_telemetry: { functionId: 'answer', metadata: { agentName: 'Researcher', sessionId: session.id } },
      });
      await ai6.streamText({ model: slowOpenAI6(40), prompt: 'And in 4.3?' }).consumeStream();

      const rows = await storedCalls(obs);
      const usage = { provider: 'openai', modelName: 'gpt-4o-2024-08-06', promptTokens: 1000, cachedPromptTokens: 200 };
      expect(rows).toEqual([
        expect.objectContaining({
          ...usage,
          agentName: 'Researcher',
          operationName: 'answer',
          sessionId: session.id,
          metadata: { agentName: 'Researcher', sessionId: session.id },
          prompt: 'system: Answer briefly.\nuser: What changed in 4.2?',
          responseText: openAIFixture.choices[0].message.content,
        }),
        expect.objectContaining({ ...usage, agentName: 'assistant', operationName: null, prompt: 'And in 4.3?' }),
      ]);
      for (const row of rows) {
        expect(row.totalCost).toBeCloseTo(gpt4oCost, 12);
        expect(row.latencyMs).toBeGreaterThanOrEqual(35);
      }
    });

    it('pairs overlapping calls of one model by their metadata object, not by order', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: ai6.registerTelemetryIntegration });
      const call = (name: string, delayMs: number) =>
        ai6.generateText({
          model: slowOpenAI6(delayMs),
          prompt: name,
          experimental_telemetry: { metadata: { call: name } },
        });

      // A starts first and ends first, while B is still running.
      const a = call('A', 150);
      await sleep(60);
      const b = call('B', 250);
      await Promise.all([a, b]);

      const rows = await storedCalls(obs);
      const latency = (name: string) => rows.find((row) => row.metadata?.call === name)?.latencyMs;
      expect(rows).toHaveLength(2);
      expect(latency('A')).toBeGreaterThanOrEqual(145);
      expect(latency('B')).toBeGreaterThanOrEqual(245);
    });

    it('v6 reports no failures to integrations: a failed call records nothing and throws as before', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs);
      const failing = new MockLanguageModelV3({
        doGenerate: async () => {
          throw new Error('429 Rate limit reached');
        },
      });

      await expect(ai6.generateText({ model: failing, prompt: 'Hi', maxRetries: 0 })).rejects.toThrow(
        '429 Rate limit reached',
      );
      expect(await storedCalls(obs)).toEqual([]);
    });
  });

  describe('ai@7 (registerTelemetry)', () => {
    it('records generateText, streamText (with time to first output) and generateObject', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: ai7.registerTelemetry, agentName: 'assistant' });

      await ai7.generateText({
        model: slowOpenAI7(40),
        instructions: 'Answer briefly.',
        prompt: 'What changed in 4.2?',
        telemetry: { functionId: 'answer' },
      });
      await ai7.streamText({ model: slowOpenAI7(40), prompt: 'And in 4.3?' }).consumeStream();
      await ai7.generateObject({
        model: new MockLanguageModelV4({
          provider: 'anthropic.messages',
          modelId: 'claude-sonnet-4-5',
          doGenerate: generateResult('v4', {
            ...fromAnthropicMessage('v4', anthropicFixture),
            reasoning: undefined,
            text: '{"notice_days": 30}',
          }),
        }),
        schema: ai7.jsonSchema<{ notice_days: number }>({
          type: 'object',
          properties: { notice_days: { type: 'number' } },
          required: ['notice_days'],
        }),
        prompt: 'Notice period?',
      });

      const rows = await storedCalls(obs);
      const openAI = { provider: 'openai', modelName: 'gpt-4o-2024-08-06', promptTokens: 1000, agentName: 'assistant' };
      expect(rows).toEqual([
        expect.objectContaining({
          ...openAI,
          operationName: 'answer',
          prompt: 'system: Answer briefly.\nuser: What changed in 4.2?',
          ttftMs: null,
        }),
        expect.objectContaining({ ...openAI, prompt: 'user: And in 4.3?' }),
        expect.objectContaining({
          provider: 'anthropic',
          modelName: 'claude-sonnet-4-5-20250929',
          promptTokens: 3050,
          cacheWriteTokens: 1000,
          responseText: '{"notice_days":30}',
        }),
      ]);
      expect(rows[0].latencyMs).toBeGreaterThanOrEqual(35);
      expect(rows[1].ttftMs).toBeGreaterThanOrEqual(35);
      expect(rows[2].totalCost).toBeCloseTo((50 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / 1e6, 12);
    });

    it('onError records a failed call with the model from onStart; the call throws as before', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: ai7.registerTelemetry });
      const failing = () =>
        new MockLanguageModelV4({
          provider: 'anthropic.messages',
          modelId: 'claude-sonnet-4-5',
          doGenerate: async () => {
            throw new Error('529 Overloaded');
          },
        });

      const hooked = await ai7.generateText({ model: failing(), prompt: 'Hi', maxRetries: 0 }).catch((e: unknown) => e);
      unregister();
      const plain = await ai7.generateText({ model: failing(), prompt: 'Hi', maxRetries: 0 }).catch((e: unknown) => e);

      expect((hooked as Error).constructor).toBe((plain as Error).constructor);
      expect((hooked as Error).message).toBe((plain as Error).message);
      expect(await storedCalls(obs)).toEqual([
        expect.objectContaining({
          provider: 'anthropic',
          modelName: 'claude-sonnet-4-5',
          error: 'Error: 529 Overloaded',
          usageSource: 'missing',
          prompt: 'user: Hi',
        }),
      ]);
    });

    it('joins the active withSession; a call with telemetry isEnabled: false is not recorded', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: ai7.registerTelemetry });

      const session = await obs.withSession('chat_turn', async (s) => {
        await ai7.streamText({ model: slowOpenAI7(5), prompt: 'Hi' }).consumeStream();
        return s;
      });
      await ai7.generateText({ model: slowOpenAI7(5), prompt: 'Hi', telemetry: { isEnabled: false } });

      expect(await storedCalls(obs)).toEqual([expect.objectContaining({ sessionId: session.id })]);
    });
  });

  it('without a register function, one registration serves v6 and v7; unregister stops it', async () => {
    const { obs } = t;
    unregister = registerObservatoryTelemetry(obs, { agentName: 'global' });

    await ai6.generateText({ model: slowOpenAI6(5), prompt: 'v6' });
    await ai7.generateText({ model: slowOpenAI7(5), prompt: 'v7' });
    unregister();
    await ai7.generateText({ model: slowOpenAI7(5), prompt: 'after' });

    expect(await storedCalls(obs)).toEqual([
      expect.objectContaining({ agentName: 'global', prompt: 'v6' }),
      expect.objectContaining({ agentName: 'global', prompt: 'user: v7' }),
    ]);
  });
});
