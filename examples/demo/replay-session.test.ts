import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { replaySession } from './replay-session.js';

describe('replaySession', () => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('records the same calls at a new time, links its calls to the new ids and ends the same way', async () => {
    store = await createTestObservatory();
    const { obs } = store;
    const session = obs.startSession('career_copilot', { user: 'ana' });
    const answer = obs.recordCall({
      sessionId: session.id,
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-6',
      promptTokens: 1200,
      cachedPromptTokens: 1000,
      completionTokens: 80,
      latencyMs: 2100,
      agentName: 'CoverLetterWriter',
      routingDecision: {
        chosenModel: 'claude-sonnet-4-6',
        alternativeModels: ['gpt-4o-mini'],
        modelScores: {},
        reasoning: 'long',
      },
      timestamp: new Date('2026-11-01T10:00:00Z'),
    });
    obs.recordCall({
      sessionId: session.id,
      provider: 'openai',
      modelName: 'gpt-4o',
      promptTokens: 300,
      completionTokens: 40,
      latencyMs: 900,
      agentName: 'Judge',
      parentId: answer?.id,
      qualityEvaluation: { judgeScore: 3, hallucinationFlag: true, factualError: false, suggestions: [] },
      timestamp: new Date('2026-11-01T10:00:05Z'),
    });
    await obs.endSession(session, { success: false, error: 'quality gate' });
    await obs.flush();
    const [original] = await obs.storage.getSessions();
    const originalCalls = await obs.storage.getLlmCalls({ sessionId: original.id, order: 'asc' });

    expect(replaySession(obs, { session: original, calls: originalCalls }, Date.parse('2026-11-10T08:00:00Z'))).toBe(2);
    await obs.flush();

    const replay = (await obs.storage.getSessions()).find((s) => s.id !== original.id);
    expect(replay).toMatchObject({
      operationType: 'career_copilot',
      success: false,
      error: 'quality gate',
      metadata: { user: 'ana' },
    });
    const copies = await obs.storage.getLlmCalls({ sessionId: replay?.id, order: 'asc' });
    expect(copies.map((c) => c.timestamp.toISOString())).toEqual([
      '2026-11-10T08:00:00.000Z',
      '2026-11-10T08:00:05.000Z',
    ]);
    const comparable = ({ id, sessionId, parentId, timestamp, createdAt, ...rest }: (typeof copies)[number]) => rest;
    expect(copies.map(comparable)).toEqual(originalCalls.map(comparable));
    expect(copies[0].id).not.toBe(originalCalls[0].id);
    expect(copies[1].parentId).toBe(copies[0].id);
  });
});
