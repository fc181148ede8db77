import { type LLMCall, type Observatory, ObservatoryValidationError } from '@observatory/core';
import { checkedColumns, createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOpenAIResponse } from './record-openai-response.js';
import { fakeOpenAIClient, openAICases, recordOutcome } from './test/openai-cases.js';
import { readJsonFixture } from './test/read-fixture.js';

async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await obs.flush();
  return obs.storage.getLlmCalls({ projectName: obs.projectName });
}

function caseNamed(name: string) {
  const found = openAICases.find((c) => c.name === name);
  if (!found) throw new Error(`no case named ${name}`);
  return found;
}

describe.each(testDatabases())('recordOpenAIResponse on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it.each(openAICases)('stores $name ($source) with exact tokens and dollars', async (testCase) => {
    const recorded = recordOutcome(t.obs, await testCase.run());
    const calls = await storedCalls(t.obs);
    expect(t.errors).toEqual([]);
    expect(calls.map((call) => call.id)).toEqual([recorded?.id]);
    expect(checkedColumns(calls[0])).toEqual(checkedColumns(testCase.expected));
    expect(calls[0].provider).toBe('openai');
  });

  it('stores the chat request as the prompt and the SDK ids as metadata', async () => {
    recordOutcome(t.obs, await caseNamed('gpt-4o, cache read').run());
    const [call] = await storedCalls(t.obs);
    expect(call.prompt).toBe('system: You review diffs.\nuser: Review: - fetchUser() + loadUser()');
    expect(call.metadata).toEqual({
      api: 'chat.completions',
      responseId: 'chatcmpl-BnK2vQxR7mZ4hT8pYc1LwE9sUaFdG',
      requestId: 'req_chat_1',
      serviceTier: 'default',
      systemFingerprint: 'fp_a288987b44',
    });
  });

  it('stores Responses API instructions and input as the prompt', async () => {
    recordOutcome(t.obs, await caseNamed('gpt-4o Response, cache read + write').run());
    const [call] = await storedCalls(t.obs);
    expect(call.prompt).toBe('system: You are a release-notes writer.\nuser: Summarise: retry budgets, drop Node 18.');
    expect(call.metadata).toMatchObject({ api: 'responses', responseId: expect.stringMatching(/^resp_/) });
  });

  it('stores embeddings input texts as the prompt and the vector count and size as metadata', async () => {
    recordOutcome(t.obs, await caseNamed('text-embedding-3-small, 2 inputs').run());
    const [call] = await storedCalls(t.obs);
    expect(call.prompt).toBe('retry budgets\nlease invariant');
    expect(call.metadata).toEqual({ api: 'embeddings', embeddings: 2, dimensions: 8 });
  });

  it('stores the time to first token and latency measured around a stream', async () => {
    recordOutcome(t.obs, await caseNamed('gpt-4o-mini stream, include_usage').run());
    const [call] = await storedCalls(t.obs);
    expect(call.ttftMs).toBeGreaterThanOrEqual(0);
    expect(call.latencyMs).toBeGreaterThanOrEqual(call.ttftMs ?? Number.NaN);
  });

  it('passes every caller option through to its column', async () => {
    const { client } = fakeOpenAIClient({ json: readJsonFixture('chat-completion-gpt-4o-cached.json') });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
    const session = t.obs.startSession('review');
    const routingDecision = {
      chosenModel: 'gpt-4o',
      alternativeModels: ['gpt-4o-mini'],
      modelScores: { 'gpt-4o': 0.9, 'gpt-4o-mini': 0.6 },
      reasoning: 'long diff',
    };
    const qualityEvaluation = { judgeScore: 8, hallucinationFlag: false, factualError: false, suggestions: [] };
    recordOpenAIResponse(t.obs, completion, {
      latencyMs: 1234,
      ttftMs: 210,
      agentName: 'Reviewer',
      operationName: 'review_diff',
      sessionId: session.id,
      parentId: 'span-7',
      prompt: 'my own prompt text',
      metadata: { ticket: 42, serviceTier: 'overridden' },
      routingDecision,
      cacheMetadata: { cacheHit: false, cacheKey: 'diff:abc' },
      qualityEvaluation,
    });
    const [call] = await storedCalls(t.obs);
    expect(call).toMatchObject({
      latencyMs: 1234,
      ttftMs: 210,
      agentName: 'Reviewer',
      operationName: 'review_diff',
      sessionId: session.id,
      parentId: 'span-7',
      prompt: 'my own prompt text',
      routingDecision,
      cacheMetadata: { cacheHit: false, cacheKey: 'diff:abc' },
      qualityEvaluation,
    });
    expect(call.metadata).toMatchObject({ ticket: 42, serviceTier: 'overridden', api: 'chat.completions' });
  });

  it.each([
    ['a Date', () => new Date(Date.now() - 250)],
    ['Date.now()', () => Date.now() - 250],
    ['performance.now()', () => performance.now() - 250],
  ])('measures latency from a startTime given as %s', async (_label, startTime) => {
    const completion = readJsonFixture('chat-completion-gpt-4o-cached.json');
    recordOpenAIResponse(t.obs, completion, { startTime: startTime() });
    const [call] = await storedCalls(t.obs);
    expect(call.latencyMs).toBeGreaterThanOrEqual(250);
    expect(call.latencyMs).toBeLessThan(250 + 10_000);
  });

  it('leaves the SDK result exactly as it was', async () => {
    const { client } = fakeOpenAIClient({ json: readJsonFixture('response-gpt-4o-cached.json') });
    const response = await client.responses.create({ model: 'gpt-4o', input: 'hi' });
    const before = structuredClone(response);
    recordOpenAIResponse(t.obs, response, { request: { model: 'gpt-4o', input: 'hi' } });
    expect(response).toEqual(before);
    expect(Object.keys(response)).toEqual(Object.keys(before));
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'chat.completion'],
    ['an empty object', {}],
    ['an array', []],
    ['a response.created event', { type: 'response.created', response: { object: 'response' } }],
    ['choices that are not a list', { object: 'chat.completion', choices: 'stop' }],
  ])('reports %s to onError instead of throwing, and stores nothing', async (_label, garbage) => {
    expect(recordOpenAIResponse(t.obs, garbage)).toBeUndefined();
    expect(t.errors).toHaveLength(1);
    expect(String(t.errors[0])).toMatch(/recordOpenAIResponse: not an OpenAI response/);
    expect(await storedCalls(t.obs)).toEqual([]);
  });

  it('reports impossible counts through onError, even on a strict observatory', async () => {
    const completion = readJsonFixture('chat-completion-gpt-4o-cached.json') as { usage: { prompt_tokens: unknown } };
    completion.usage.prompt_tokens = -5;
    expect(() => recordOpenAIResponse(t.obs, completion)).not.toThrow();
    expect(t.errors).toHaveLength(1);
    expect(ObservatoryValidationError.isInstance(t.errors[0])).toBe(true);
    expect(String(t.errors[0])).toMatch(/promptTokens = -5/);
    expect(await storedCalls(t.obs)).toEqual([]);
  });

  it('records a call without usage as usage_source missing', async () => {
    const completion = readJsonFixture('chat-completion-gpt-4o-cached.json') as { usage?: unknown };
    delete completion.usage;
    recordOpenAIResponse(t.obs, completion);
    const [call] = await storedCalls(t.obs);
    expect(t.errors).toEqual([]);
    expect(call).toMatchObject({ usageSource: 'missing', promptTokens: 0, completionTokens: 0, totalCost: 0 });
  });
});

describe('recordOpenAIResponse without a usable observatory', () => {
  it('does not throw', () => {
    const completion = readJsonFixture('chat-completion-gpt-4o-cached.json');
    expect(() => recordOpenAIResponse(undefined as unknown as Observatory, completion)).not.toThrow();
  });
});

describe('recordOpenAIResponse on a disabled observatory', () => {
  it('records nothing and reports nothing', async () => {
    const t = await createTestObservatory({ enabled: false });
    try {
      expect(recordOpenAIResponse(t.obs, readJsonFixture('chat-completion-gpt-4o-cached.json'))).toBeUndefined();
      expect(t.errors).toEqual([]);
      expect(t.obs.stats().recorded).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});
