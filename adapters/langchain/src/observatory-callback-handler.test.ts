import { randomUUID } from 'node:crypto';
import { InMemoryCache } from '@langchain/core/caches';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { FakeListChatModel, FakeLLM } from '@langchain/core/utils/testing';
import type { LLMCall, Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.js';
import { ObservatoryCallbackHandler } from './observatory-callback-handler.js';
import { FakeUsageChatModel } from './test/index.js';

/** Every call the store holds for this observatory, oldest first, after LangChain's queue and the writer drained. */
async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await awaitAllCallbacks();
  await obs.flush();
  return obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' });
}

/** The one stored call; fails showing what was stored otherwise. */
async function onlyCall(obs: Observatory): Promise<LLMCall> {
  const calls = await storedCalls(obs);
  expect(
    calls.map((c) => `${c.provider}/${c.modelName}`),
    'expected exactly one stored call',
  ).toHaveLength(1);
  return calls[0];
}

const openaiUsage = {
  input_tokens: 1000,
  output_tokens: 100,
  total_tokens: 1100,
  input_token_details: { cache_read: 200 },
  output_token_details: { reasoning: 40 },
};

describe.each(testDatabases())('ObservatoryCallbackHandler on %s', (database) => {
  let t: TestObservatory;
  let adapterErrors: unknown[];
  let handler: ObservatoryCallbackHandler;

  beforeEach(async () => {
    t = await createTestObservatory({ database });
    adapterErrors = [];
    handler = new ObservatoryCallbackHandler(t.obs, {
      agentName: 'support',
      operationName: 'answer',
      metadata: { team: 'billing' },
      onError: (error) => adapterErrors.push(error),
    });
  });

  afterEach(async () => {
    expect(adapterErrors).toEqual([]);
    await t.cleanup();
  });

  it('records a chat call with reported usage, cache reads, reasoning and the exact cost', async () => {
    const model = new FakeUsageChatModel({
      responses: ['Paris.'],
      model: 'gpt-4o',
      lsProvider: 'openai',
      usage: openaiUsage,
      responseMetadata: { model_name: 'gpt-4o-2024-08-06', finish_reason: 'stop' },
    });
    await model.invoke('What is the capital of France?', {
      callbacks: [handler],
      tags: ['geo'],
      metadata: { userId: 'u-7' },
    });

    const call = await onlyCall(t.obs);
    expect(call).toMatchObject({
      provider: 'openai',
      // The snapshot that answered, priced as itself; what was asked for stays in metadata.
      modelName: 'gpt-4o-2024-08-06',
      promptTokens: 1000,
      cachedPromptTokens: 200,
      cacheWriteTokens: 0,
      completionTokens: 100,
      reasoningTokens: 40,
      totalTokens: 1100,
      usageSource: 'reported',
      costSource: 'price_table',
      agentName: 'support',
      operationName: 'answer',
      prompt: 'Human: What is the capital of France?',
      responseText: 'Paris.',
      finishReason: 'stop',
      ttftMs: null,
      parentId: null,
      error: null,
    });
    expect(call.totalCost).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6, 12);
    expect(call.latencyMs).toBeGreaterThanOrEqual(0);
    expect(call.metadata).toMatchObject({ team: 'billing', userId: 'u-7', tags: ['geo'], requestedModel: 'gpt-4o' });
    expect(call.metadata?.runId).toEqual(expect.any(String));
    // Mapped to columns, so not repeated in metadata.
    expect(call.metadata).not.toHaveProperty('ls_provider');
    expect(call.metadata).not.toHaveProperty('ls_model_type');
  });

  it('records Anthropic cache writes and reads at their own prices', async () => {
    // LangChain's input_tokens is already the total: 100 uncached + 1000 read + 2000 written.
    const model = new FakeUsageChatModel({
      responses: ['Summary.'],
      lsProvider: 'anthropic',
      lsModelName: 'claude-sonnet-4-5',
      usage: {
        input_tokens: 3100,
        output_tokens: 250,
        total_tokens: 3350,
        input_token_details: { cache_read: 1000, cache_creation: 2000 },
      },
      responseMetadata: { model_name: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn' },
    });
    await model.invoke('Summarise the contract.', { callbacks: [handler] });

    const call = await onlyCall(t.obs);
    expect(call).toMatchObject({
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5-20250929',
      promptTokens: 3100,
      cachedPromptTokens: 1000,
      cacheWriteTokens: 2000,
      completionTokens: 250,
      finishReason: 'end_turn',
    });
    expect(call.totalCost).toBeCloseTo((100 * 3 + 1000 * 0.3 + 2000 * 3.75 + 250 * 15) / 1e6, 12);
  });

  it('takes the model that answered, then invocation params, then ls_model_name', async () => {
    const response = { model_name: 'gpt-4o-2024-08-06' };
    const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
    const models = [
      new FakeUsageChatModel({
        responses: ['a'],
        model: 'gpt-4o',
        lsModelName: 'gpt-4o-mini',
        usage,
        responseMetadata: response,
      }),
      new FakeUsageChatModel({ responses: ['b'], model: 'gpt-4o', lsModelName: 'gpt-4o-mini', usage }),
      new FakeUsageChatModel({ responses: ['c'], lsModelName: 'gpt-4o-mini', usage }),
      new FakeUsageChatModel({ responses: ['d'], usage }),
    ];
    for (const model of models) await model.invoke('hi', { callbacks: [handler] });

    const calls = await storedCalls(t.obs);
    expect(calls.map((c) => c.modelName)).toEqual(['gpt-4o-2024-08-06', 'gpt-4o', 'gpt-4o-mini', 'unknown']);
    expect(calls.map((c) => c.metadata?.requestedModel)).toEqual(['gpt-4o', undefined, undefined, undefined]);
    // No ls_provider override: LangChain derives it from the class name.
    expect(calls.map((c) => c.provider)).toEqual(['fakelist', 'fakelist', 'fakelist', 'fakelist']);
  });

  it('normalises ls_provider values of partner packages', async () => {
    const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
    for (const lsProvider of ['google_genai', 'bedrock', 'mistralai']) {
      await new FakeUsageChatModel({ responses: ['ok'], lsProvider, usage }).invoke('hi', { callbacks: [handler] });
    }
    expect((await storedCalls(t.obs)).map((c) => c.provider)).toEqual(['google', 'aws-bedrock', 'mistral']);
  });

  it('falls back to llmOutput.tokenUsage when the message carries no usage_metadata', async () => {
    const model = new FakeUsageChatModel({
      responses: ['ok'],
      model: 'gpt-4o',
      lsProvider: 'openai',
      llmOutput: { tokenUsage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 } },
    });
    await model.invoke('hi', { callbacks: [handler] });

    const call = await onlyCall(t.obs);
    expect(call).toMatchObject({ promptTokens: 120, completionTokens: 30, usageSource: 'reported' });
    expect(call.totalCost).toBeCloseTo((120 * 2.5 + 30 * 10) / 1e6, 12);
  });

  it('estimates tokens with a tokenizer when the provider sends no usage, never a silent zero', async () => {
    const model = new FakeUsageChatModel({
      responses: ['The capital of France is Paris.'],
      model: 'gpt-4o',
      lsProvider: 'openai',
    });
    await model.invoke('What is the capital of France?', { callbacks: [handler] });

    const call = await onlyCall(t.obs);
    const promptTokens = estimateTokens('Human: What is the capital of France?');
    expect(promptTokens).toBeGreaterThan(0);
    expect(call).toMatchObject({ usageSource: 'estimated', promptTokens, completionTokens: 7 });
    expect(call.totalCost).toBeCloseTo((promptTokens * 2.5 + 7 * 10) / 1e6, 12);
  });

  it('measures time to first token when streaming and records the streamed usage', async () => {
    const model = new FakeUsageChatModel({
      responses: ['Hi!'],
      sleep: 20,
      model: 'gpt-4o',
      lsProvider: 'openai',
      usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 },
    });
    let streamed = '';
    for await (const chunk of await model.stream('Say hi', { callbacks: [handler] })) streamed += chunk.content;

    const call = await onlyCall(t.obs);
    expect(streamed).toBe('Hi!');
    expect(call).toMatchObject({ responseText: 'Hi!', promptTokens: 12, completionTokens: 3, usageSource: 'reported' });
    expect(call.ttftMs).toBeGreaterThanOrEqual(15);
    expect(call.ttftMs).toBeLessThan(call.latencyMs);
    expect(call.latencyMs).toBeGreaterThanOrEqual(55);
  });

  it('estimates a stream that carried no usage, with its time to first token', async () => {
    const model = new FakeListChatModel({ responses: ['Hello, world!'], sleep: 5 });
    for await (const _chunk of await model.stream('Greet me', { callbacks: [handler] })) {
      // drain
    }

    const call = await onlyCall(t.obs);
    expect(call).toMatchObject({
      usageSource: 'estimated',
      promptTokens: estimateTokens('Human: Greet me'),
      completionTokens: 4,
      responseText: 'Hello, world!',
      provider: 'fakelist',
      modelName: 'unknown',
    });
    expect(call.ttftMs).toBeGreaterThan(0);
  });

  it('records a failed call with its error, and the model throws exactly what it threw', async () => {
    const failure = new Error('429 rate limited');
    const model = new FakeUsageChatModel({
      responses: ['never'],
      model: 'gpt-4o',
      lsProvider: 'openai',
      error: failure,
    });
    await expect(model.invoke('hi', { callbacks: [handler] })).rejects.toBe(failure);

    const call = await onlyCall(t.obs);
    expect(call).toMatchObject({
      error: 'Error: 429 rate limited',
      modelName: 'gpt-4o',
      provider: 'openai',
      usageSource: 'missing',
      promptTokens: 0,
      totalCost: 0,
      responseText: null,
      prompt: 'Human: hi',
    });
  });

  it('records one call for a prompt | model chain, as a child of the chain run', async () => {
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', 'You are terse.'],
      ['human', '{question}'],
    ]);
    const model = new FakeUsageChatModel({
      responses: ['4'],
      model: 'gpt-4o',
      lsProvider: 'openai',
      usage: { input_tokens: 20, output_tokens: 1, total_tokens: 21 },
    });
    const chainRunId = randomUUID();
    const answer = await prompt
      .pipe(model)
      .invoke({ question: 'What is 2+2?' }, { callbacks: [handler], runId: chainRunId });

    const call = await onlyCall(t.obs);
    expect(answer.content).toBe('4');
    expect(call).toMatchObject({ parentId: chainRunId, prompt: 'System: You are terse.\nHuman: What is 2+2?' });
  });

  it('records plain LLMs (handleLLMStart) too', async () => {
    await new FakeLLM({ response: 'Hello, world!' }).invoke('Greet me', { callbacks: [handler] });

    const call = await onlyCall(t.obs);
    expect(call).toMatchObject({
      provider: 'fake',
      prompt: 'Greet me',
      responseText: 'Hello, world!',
      completionTokens: 4,
    });
  });

  it("records a LangChain cache hit as a zero-token cache hit, not as the original call's cost", async () => {
    const model = new FakeUsageChatModel({
      responses: ['cached answer'],
      model: 'gpt-4o',
      lsProvider: 'openai',
      usage: { input_tokens: 50, output_tokens: 5, total_tokens: 55 },
    });
    model.cache = new InMemoryCache();
    await model.invoke('same question', { callbacks: [handler] });
    await model.invoke('same question', { callbacks: [handler] });

    const calls = await storedCalls(t.obs);
    expect(calls.map((c) => [c.promptTokens, c.cacheMetadata?.cacheHit ?? false])).toEqual([
      [50, false],
      [0, true],
    ]);
    expect(calls[1]).toMatchObject({ totalCost: 0, usageSource: 'reported' });
  });

  it('keeps no per-run state after runs end or fail', async () => {
    const ok = new FakeUsageChatModel({ responses: ['ok'] });
    const failing = new FakeUsageChatModel({ responses: ['x'], error: new Error('boom') });
    await ok.invoke('a', { callbacks: [handler] });
    await failing.invoke('b', { callbacks: [handler] }).catch(() => undefined);
    await awaitAllCallbacks();

    expect((handler as unknown as { modelRuns: Map<string, unknown> }).modelRuns.size).toBe(0);
    expect(await storedCalls(t.obs)).toHaveLength(2);
  });

  it('also works in background mode, after awaitAllCallbacks', async () => {
    const background = new ObservatoryCallbackHandler(t.obs, {
      background: true,
      onError: (e) => adapterErrors.push(e),
    });
    expect(background.awaitHandlers).toBe(false);
    await new FakeUsageChatModel({ responses: ['ok'], usage: openaiUsage, model: 'gpt-4o' }).invoke('hi', {
      callbacks: [background],
    });

    expect(await onlyCall(t.obs)).toMatchObject({ modelName: 'gpt-4o', promptTokens: 1000 });
  });

  it('joins the session of an enclosing obs.withSession', async () => {
    const plain = new ObservatoryCallbackHandler(t.obs, { onError: (e) => adapterErrors.push(e) });
    const session = await t.obs.withSession('triage', async (s) => {
      await new FakeUsageChatModel({ responses: ['ok'], usage: openaiUsage }).invoke('hi', { callbacks: [plain] });
      return s;
    });

    expect((await onlyCall(t.obs)).sessionId).toBe(session.id);
  });
});

describe.each(testDatabases())('ObservatoryCallbackHandler never changes what the user gets, on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(() => t.cleanup());

  const makeModel = (error?: Error) =>
    new FakeUsageChatModel({ responses: ['Paris.'], model: 'gpt-4o', usage: openaiUsage, error });

  it('returns an identical result with and without the handler, even when the handler fails inside', async () => {
    const adapterErrors: unknown[] = [];
    // A closed strict observatory throws from recordCall: a failure inside the adapter.
    await t.obs.close();
    const handler = new ObservatoryCallbackHandler(t.obs, { onError: (e) => adapterErrors.push(e) });
    const runId = randomUUID();
    // LangChain itself sets message.id = `run-<runId>` whenever any handler is attached, so
    // the reference run has a handler that does nothing.
    const doNothing = BaseCallbackHandler.fromMethods({});

    const without = await makeModel().invoke('Capital of France?', { runId, callbacks: [doNothing] });
    const withHandler = await makeModel().invoke('Capital of France?', { runId, callbacks: [handler] });

    expect(withHandler).toEqual(without);
    expect(withHandler.constructor).toBe(without.constructor);
    expect(withHandler.id).toBe(`run-${runId}`);
    expect(adapterErrors).toHaveLength(1);
    expect(String(adapterErrors[0])).toContain('recordCall after close()');
  });

  it('lets the same error through when the model throws and the handler fails too', async () => {
    const adapterErrors: unknown[] = [];
    await t.obs.close();
    const handler = new ObservatoryCallbackHandler(t.obs, { onError: (e) => adapterErrors.push(e) });
    const failure = new Error('provider down');

    await expect(makeModel(failure).invoke('hi')).rejects.toBe(failure);
    await expect(makeModel(failure).invoke('hi', { callbacks: [handler] })).rejects.toBe(failure);
    expect(adapterErrors).toHaveLength(1);
  });

  it('reports its own failure through onError without throwing', async () => {
    const adapterErrors: unknown[] = [];
    const handler = new ObservatoryCallbackHandler(t.obs, { onError: (e) => adapterErrors.push(e) });
    // An LLMResult no model produces: the handler must cope, not throw.
    handler.handleChatModelStart({ lc: 1, type: 'not_implemented', id: ['X'] }, [[]], 'run-1');
    expect(() => handler.handleLLMEnd(null as never, 'run-1')).not.toThrow();
    handler.handleChatModelStart({ lc: 1, type: 'not_implemented', id: ['X'] }, null as never, 'run-2');

    expect(adapterErrors.map(String)).toEqual([expect.stringContaining('handleChatModelStart failed')]);
  });
});
