import type { LLMCall, Observatory } from '@observatory/core';
import { ObservatoryValidationError } from '@observatory/core';
import { checkedColumns, createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnthropicMessage } from './record-anthropic-message.js';
import { anthropicCases, fakeAnthropicClient, recordOutcome } from './test/anthropic-cases.js';
import { readJsonFixture } from './test/read-fixture.js';

async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await obs.flush();
  return obs.storage.getLlmCalls({ projectName: obs.projectName });
}

function caseNamed(name: string) {
  const found = anthropicCases.find((c) => c.name === name);
  if (!found) throw new Error(`no case named ${name}`);
  return found;
}

describe.each(testDatabases())('recordAnthropicMessage on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it.each(anthropicCases)('stores $name ($source) with exact tokens and dollars', async (testCase) => {
    const recorded = recordOutcome(t.obs, await testCase.run());
    const calls = await storedCalls(t.obs);
    expect(t.errors).toEqual([]);
    expect(calls.map((call) => call.id)).toEqual([recorded?.id]);
    expect(checkedColumns(calls[0])).toEqual(checkedColumns(testCase.expected));
    expect(calls[0].provider).toBe('anthropic');
  });

  it('stores the system prompt and messages as the prompt and the SDK ids as metadata', async () => {
    recordOutcome(t.obs, await caseNamed('claude-sonnet-4-5, cache read + write').run());
    const [call] = await storedCalls(t.obs);
    expect(call.prompt).toBe('system: You review contracts.\nuser: Do sections 4.2 and 7.1 conflict?');
    expect(call.metadata).toEqual({
      api: 'messages',
      messageId: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      requestId: 'req_011CSHmsg1',
      serviceTier: 'standard',
    });
  });

  it('stores the time to first token and latency measured around a stream', async () => {
    recordOutcome(t.obs, await caseNamed('claude-sonnet-4-5 stream, thinking + cache read + write').run());
    const [call] = await storedCalls(t.obs);
    expect(call.ttftMs).toBeGreaterThanOrEqual(0);
    expect(call.latencyMs).toBeGreaterThanOrEqual(call.ttftMs ?? Number.NaN);
  });

  it('stores the 1-hour part of the cache writes and keeps server tool requests in metadata', async () => {
    const message = readJsonFixture('message-claude-sonnet-4-5-cache.json') as {
      usage: Record<string, unknown>;
    };
    message.usage.cache_creation = { ephemeral_5m_input_tokens: 800, ephemeral_1h_input_tokens: 1000 };
    message.usage.server_tool_use = { web_search_requests: 2, web_fetch_requests: 0 };
    recordAnthropicMessage(t.obs, message);
    const [call] = await storedCalls(t.obs);
    expect(call.cacheWriteTokens).toBe(1800);
    expect(call.cacheWrite1hTokens).toBe(1000);
    expect(call.metadata).toMatchObject({ webSearchRequests: 2 });
    expect(call.metadata).not.toHaveProperty('webFetchRequests');
  });

  it('passes every caller option through to its column', async () => {
    const { client } = fakeAnthropicClient({ json: readJsonFixture('message-tool-use.json') });
    const message = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [] });
    const session = t.obs.startSession('triage');
    const routingDecision = {
      chosenModel: 'claude-sonnet-4-5',
      alternativeModels: ['claude-haiku-4-5'],
      modelScores: { 'claude-sonnet-4-5': 0.8 },
      reasoning: 'needs tools',
    };
    const qualityEvaluation = { judgeScore: 6.5, hallucinationFlag: false, factualError: true, suggestions: ['cite'] };
    recordAnthropicMessage(t.obs, message, {
      latencyMs: 2100,
      ttftMs: 340,
      agentName: 'Triage',
      operationName: 'route_ticket',
      sessionId: session.id,
      parentId: 'span-3',
      prompt: 'my own prompt',
      responseText: 'my own response',
      finishReason: 'custom_stop',
      metadata: { ticket: 9, api: 'mine' },
      routingDecision,
      cacheMetadata: { cacheHit: true, cacheClusterId: 'weather' },
      qualityEvaluation,
    });
    const [call] = await storedCalls(t.obs);
    expect(call).toMatchObject({
      latencyMs: 2100,
      ttftMs: 340,
      agentName: 'Triage',
      operationName: 'route_ticket',
      sessionId: session.id,
      parentId: 'span-3',
      prompt: 'my own prompt',
      responseText: 'my own response',
      finishReason: 'custom_stop',
      routingDecision,
      cacheMetadata: { cacheHit: true, cacheClusterId: 'weather' },
      qualityEvaluation,
    });
    expect(call.metadata).toMatchObject({ ticket: 9, api: 'mine', messageId: 'msg_01Aq9w938a90dw8q' });
  });

  it('measures latency from a startTime', async () => {
    recordAnthropicMessage(t.obs, readJsonFixture('message-tool-use.json'), { startTime: new Date(Date.now() - 300) });
    const [call] = await storedCalls(t.obs);
    expect(call.latencyMs).toBeGreaterThanOrEqual(300);
    expect(call.latencyMs).toBeLessThan(300 + 10_000);
  });

  it('leaves the SDK message exactly as it was', async () => {
    const { message } = await (async () => {
      const { client } = fakeAnthropicClient({ json: readJsonFixture('message-claude-sonnet-4-5-cache.json') });
      return { message: await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 8, messages: [] }) };
    })();
    const before = structuredClone(message);
    recordAnthropicMessage(t.obs, message);
    expect(message).toEqual(before);
  });

  it('records a message without usage as usage_source missing', async () => {
    const message = readJsonFixture('message-tool-use.json') as { usage?: unknown };
    delete message.usage;
    recordAnthropicMessage(t.obs, message);
    const [call] = await storedCalls(t.obs);
    expect(t.errors).toEqual([]);
    expect(call).toMatchObject({ usageSource: 'missing', promptTokens: 0, totalCost: 0, finishReason: 'tool_use' });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 529],
    ['a string', 'message'],
    ['an empty object', {}],
    ['a stream event', { type: 'message_start', message: {} }],
    ['an OpenAI completion', { object: 'chat.completion', choices: [] }],
  ])('reports %s to onError instead of throwing, and stores nothing', async (_label, garbage) => {
    expect(recordAnthropicMessage(t.obs, garbage)).toBeUndefined();
    expect(t.errors).toHaveLength(1);
    expect(String(t.errors[0])).toMatch(/recordAnthropicMessage: not an Anthropic message/);
    expect(await storedCalls(t.obs)).toEqual([]);
  });

  it('reports impossible counts through onError, even on a strict observatory', async () => {
    const message = readJsonFixture('message-tool-use.json') as { usage: Record<string, unknown> };
    message.usage.output_tokens_details = { thinking_tokens: 500 };
    expect(() => recordAnthropicMessage(t.obs, message)).not.toThrow();
    expect(t.errors).toHaveLength(1);
    expect(ObservatoryValidationError.isInstance(t.errors[0])).toBe(true);
    expect(String(t.errors[0])).toMatch(/completionTokens = 120/);
    expect(await storedCalls(t.obs)).toEqual([]);
  });
});

describe('recordAnthropicMessage without a usable observatory', () => {
  it('does not throw', () => {
    const message = readJsonFixture('message-tool-use.json');
    expect(() => recordAnthropicMessage(null as unknown as Observatory, message)).not.toThrow();
  });
});

describe('recordAnthropicMessage on a disabled observatory', () => {
  it('records nothing and reports nothing', async () => {
    const t = await createTestObservatory({ enabled: false });
    try {
      expect(recordAnthropicMessage(t.obs, readJsonFixture('message-tool-use.json'))).toBeUndefined();
      expect(t.errors).toEqual([]);
      expect(t.obs.stats().recorded).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});
