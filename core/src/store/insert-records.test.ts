import { afterEach, describe, expect, it } from 'vitest';
import type { LLMCall } from '../models.js';
import { getLlmCall } from '../queries/get-llm-call.js';
import { stubSession } from '../stub-session.js';
import { createTestDatabase, type TestDatabase, testDatabases } from '../test/index.js';
import { createStore, type Store } from './create-store.js';
import { writeBatch } from './write-batch.js';

const at = new Date('2026-11-03T10:15:00.000Z');

function storedCall(overrides: Partial<LLMCall> = {}): LLMCall {
  return {
    id: 'call-1',
    sessionId: 'session-1',
    projectName: 'insert-records',
    timestamp: at,
    provider: 'openai',
    modelName: 'gpt-4o',
    promptTokens: 1200,
    completionTokens: 300,
    totalTokens: 1500,
    cachedPromptTokens: 400,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    latencyMs: 850.5,
    ttftMs: 120,
    totalCost: 0.0123,
    costSource: 'price_table',
    usageSource: 'reported',
    agentName: 'Reviewer',
    operationName: 'review',
    prompt: "it's a 'quoted' prompt",
    responseText: null,
    routingDecision: {
      chosenModel: 'gpt-4o',
      alternativeModels: ['gpt-4o-mini'],
      modelScores: { 'gpt-4o': 0.9 },
      reasoning: 'hard',
    },
    cacheMetadata: { cacheHit: false, cacheKey: 'k1' },
    qualityEvaluation: null,
    error: null,
    finishReason: 'stop',
    parentId: null,
    metadata: { tenant: 'acme', nested: { a: [1, 2] } },
    createdAt: new Date(at.getTime() + 900),
    ...overrides,
  };
}

describe.each(testDatabases())('the writer’s inserts on %s', (kind) => {
  let db: TestDatabase;
  let store: Store;
  afterEach(async () => {
    await store?.close();
    await db?.drop();
  });

  it('store every field as the store reads it back, JSON and dates included, through reused statements', async () => {
    db = await createTestDatabase(kind);
    store = await createStore(db.url);
    const stub = stubSession('session-1', 'insert-records', at, at);
    const first = storedCall();
    // Two batches of the same shape run the same SQL with other values.
    await writeBatch(store.em, { sessions: [], sessionStubs: [stub], calls: [first], ends: [] });
    const second = storedCall({ id: 'call-2', promptTokens: 7, metadata: null, routingDecision: null, prompt: null });
    await writeBatch(store.em, { sessions: [], sessionStubs: [stub], calls: [second], ends: [] });
    expect(await getLlmCall(store.em, 'call-1')).toEqual(first);
    expect(await getLlmCall(store.em, 'call-2')).toEqual(second);
  });

  it('store a field an older spooled call lacks as its default', async () => {
    db = await createTestDatabase(kind);
    store = await createStore(db.url);
    const { cacheWrite1hTokens: _absent, ...older } = storedCall({ id: 'older' });
    const stub = stubSession('session-1', 'insert-records', at, at);
    await writeBatch(
      store.em,
      { sessions: [], sessionStubs: [stub], calls: [older as LLMCall], ends: [] },
      { replay: true },
    );
    expect(await getLlmCall(store.em, 'older')).toMatchObject({
      id: 'older',
      cacheWrite1hTokens: 0,
      promptTokens: 1200,
    });
  });
});
