import { setTimeout as sleep } from 'node:timers/promises';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerObservatoryTelemetry } from './index.js';
import { type AiSdkVersion, aiSdkVersions } from './test/ai-sdk-versions.js';
import { expectSameFailure, settled } from './test/expect-same-failure.js';
import { failingModel, generatingModel, slowModel } from './test/mock-models.js';
import { fromAnthropicMessage, fromOpenAIChat } from './test/provider-results.js';
import { loadFixture, storedCalls } from './test/stored-calls.js';

const openAIFixture = loadFixture<Parameters<typeof fromOpenAIChat>[1]>('openai-chat-gpt-4o.json');
const anthropicFixture = loadFixture<Parameters<typeof fromAnthropicMessage>[1]>('anthropic-message-sonnet-4-5.json');

/** US dollars: gpt-4o 1000 input (200 cached), 100 output; Sonnet 4.5 50 input, 2000 read, 1000 written, 300 output. */
const GPT_4O_COST = (800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6;
const SONNET_COST = (50 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / 1e6;

/** The gpt-4o fixture, answered after `delayMs` (generate), or first streamed after it. */
const slowOpenAI = (version: AiSdkVersion, delayMs: number) =>
  slowModel(version, 'openai.chat', 'gpt-4o', fromOpenAIChat(version.spec, openAIFixture), delayMs);

/** The versions with telemetry integrations (v6 and v7), with what differs in theirs. */
const telemetryVersions = aiSdkVersions.flatMap((version) =>
  version.telemetry ? [{ ...version, telemetry: version.telemetry }] : [],
);

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

  describe.each(telemetryVersions)('$name', (version) => {
    const { ai, telemetry } = version;

    it('records generateText and streamText; operation from functionId, agent and session from the call’s metadata (v6)', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: telemetry.register, agentName: 'assistant' });
      const session = obs.startSession('research');

      await ai.generateText({
        model: slowOpenAI(version, 40),
        [version.instructionsOption]: 'Answer briefly.',
        prompt: 'What changed in 4.2?',
        [telemetry.option]: { functionId: 'answer', metadata: { agentName: 'Researcher', sessionId: session.id } },
      });
      await ai.streamText({ model: slowOpenAI(version, 40), prompt: 'And in 4.3?' }).consumeStream();

      const rows = await storedCalls(obs);
      const usage = { provider: 'openai', modelName: 'gpt-4o-2024-08-06', promptTokens: 1000, cachedPromptTokens: 200 };
      const labels = telemetry.hasCallMetadata
        ? {
            agentName: 'Researcher',
            sessionId: session.id,
            metadata: { agentName: 'Researcher', sessionId: session.id },
          }
        : { agentName: 'assistant', sessionId: expect.not.stringMatching(session.id), metadata: null };
      expect(rows).toEqual([
        expect.objectContaining({
          ...usage,
          ...labels,
          operationName: 'answer',
          prompt: 'system: Answer briefly.\nuser: What changed in 4.2?',
          responseText: openAIFixture.choices[0].message.content,
          ttftMs: null,
        }),
        expect.objectContaining({
          ...usage,
          agentName: 'assistant',
          operationName: null,
          prompt: telemetry.storedPrompt('And in 4.3?'),
        }),
      ]);
      for (const row of rows) {
        expect(row.totalCost).toBeCloseTo(GPT_4O_COST, 12);
        expect(row.latencyMs).toBeGreaterThanOrEqual(35);
      }
      if (version.measuresTimeToFirstOutput) {
        expect(rows[1].ttftMs).toBeGreaterThanOrEqual(35);
      } else {
        // v6 integrations see no chunks and v6 measures no time to first output.
        expect(rows[1].ttftMs).toBeNull();
      }
    });

    it('pairs overlapping calls of one model with their own start, not by order', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: telemetry.register });
      const call = (name: string, delayMs: number) =>
        ai.generateText({
          model: slowOpenAI(version, delayMs),
          prompt: name,
          [telemetry.option]: { metadata: { call: name } },
        });

      // A starts first and ends first, while B is still running.
      const a = call('A', 150);
      await sleep(60);
      const b = call('B', 250);
      await Promise.all([a, b]);

      const rows = await storedCalls(obs);
      const latency = (name: string) => rows.find((row) => row.prompt === telemetry.storedPrompt(name))?.latencyMs;
      expect(rows).toHaveLength(2);
      expect(latency('A')).toBeGreaterThanOrEqual(145);
      expect(latency('B')).toBeGreaterThanOrEqual(245);
    });

    it('a failed call throws as before; it is recorded, with the model from onStart, where integrations hear of failures (v7)', async () => {
      const { obs } = t;
      const failing = () => failingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', '529 Overloaded');
      unregister = registerObservatoryTelemetry(obs, { register: telemetry.register });

      const hooked = await settled(ai.generateText({ model: failing(), prompt: 'Hi', maxRetries: 0 }));
      unregister();
      const plain = await settled(ai.generateText({ model: failing(), prompt: 'Hi', maxRetries: 0 }));

      expectSameFailure(hooked, plain);
      const failure = expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        error: 'Error: 529 Overloaded',
        usageSource: 'missing',
        prompt: telemetry.storedPrompt('Hi'),
      });
      expect(await storedCalls(obs)).toEqual(telemetry.reportsFailures ? [failure] : []);
    });

    it('generateObject is recorded where the SDK dispatches object calls to integrations (v7)', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: telemetry.register, agentName: 'assistant' });

      const result = await ai.generateObject({
        model: generatingModel(version, 'anthropic.messages', 'claude-sonnet-4-5', [
          {
            ...fromAnthropicMessage(version.spec, anthropicFixture),
            reasoning: undefined,
            text: '{"notice_days": 30}',
          },
        ]),
        schema: ai.jsonSchema({
          type: 'object',
          properties: { notice_days: { type: 'number' } },
          required: ['notice_days'],
        }),
        prompt: 'Notice period?',
      });

      expect(result.object).toEqual({ notice_days: 30 });
      const rows = await storedCalls(obs);
      const recorded = expect.objectContaining({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        agentName: 'assistant',
        promptTokens: 3050,
        cacheWriteTokens: 1000,
        responseText: '{"notice_days":30}',
      });
      expect(rows).toEqual(telemetry.recordsObjectCalls ? [recorded] : []);
      for (const row of rows) expect(row.totalCost).toBeCloseTo(SONNET_COST, 12);
    });

    it('joins the active withSession; a call with telemetry isEnabled: false is left out (v7)', async () => {
      const { obs } = t;
      unregister = registerObservatoryTelemetry(obs, { register: telemetry.register });

      const session = await obs.withSession('chat_turn', async (s) => {
        await ai.streamText({ model: slowOpenAI(version, 5), prompt: 'Hi' }).consumeStream();
        return s;
      });
      await ai.generateText({ model: slowOpenAI(version, 5), prompt: 'Off', [telemetry.option]: { isEnabled: false } });

      const joined = expect.objectContaining({ sessionId: session.id, prompt: telemetry.storedPrompt('Hi') });
      const disabled = expect.objectContaining({ prompt: telemetry.storedPrompt('Off') });
      expect(await storedCalls(obs)).toEqual(telemetry.honoursIsEnabled ? [joined] : [joined, disabled]);
    });
  });

  it('without a register function, one registration serves v6 and v7; unregister stops it', async () => {
    const { obs } = t;
    const [v6, v7] = telemetryVersions;
    unregister = registerObservatoryTelemetry(obs, { agentName: 'global' });

    await v6.ai.generateText({ model: slowOpenAI(v6, 5), prompt: 'v6' });
    await v7.ai.generateText({ model: slowOpenAI(v7, 5), prompt: 'v7' });
    unregister();
    await v7.ai.generateText({ model: slowOpenAI(v7, 5), prompt: 'after' });

    expect(await storedCalls(obs)).toEqual([
      expect.objectContaining({ agentName: 'global', prompt: v6.telemetry.storedPrompt('v6') }),
      expect.objectContaining({ agentName: 'global', prompt: v7.telemetry.storedPrompt('v7') }),
    ]);
  });
});
