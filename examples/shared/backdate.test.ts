import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { runCodeReviewCrew } from '../crews/code-review/run-code-review-crew.js';
import { runLangChainChain } from '../langchain-chain/run-langchain-chain.js';
import { backdate } from './backdate.js';
import { findGraphSessions } from './find-graph-sessions.js';
import { readStoredRun } from './read-stored-run.js';

const DAY_MS = 86_400_000;

describe('backdate', () => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('moves calls recorded through adapters and by hand to the chosen start, keeping their gaps', async () => {
    store = await createTestObservatory();
    const { obs } = store;
    const startedAt = new Date(Date.now() - 3 * DAY_MS);
    const outcomes = await runCodeReviewCrew(obs, { pullRequests: [1412], startedAt, offline: true });
    const shifted = backdate(obs, new Date(startedAt.getTime() + 60_000));
    shifted.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 10, completionTokens: 5 });

    const [sessionId] = await findGraphSessions(
      obs,
      'code_review',
      outcomes.map((o) => o.runId),
    );
    const { calls } = await readStoredRun(obs, [sessionId]);
    const times = calls.map((c) => c.timestamp.getTime());
    expect(calls.map((c) => c.agentName)).toEqual(['Analyzer', 'Reviewer', 'Fixer']);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(startedAt.getTime());
    expect(Math.max(...times)).toBeLessThan(startedAt.getTime() + 30_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const [manual] = await obs.storage.getLlmCalls({
      projectName: obs.projectName,
      from: new Date(startedAt.getTime() + 50_000),
      to: new Date(startedAt.getTime() + 70_000),
    });
    expect(manual?.modelName).toBe('gpt-4o');
    // Session rows keep real time until aligned with their calls.
    await obs.storage.alignSessionTimes(obs.projectName);
    expect((await obs.storage.getSession(sessionId))?.startTime.getTime()).toBe(times[0]);
    // Methods other than recordCall are the observatory's own.
    expect(shifted.projectName).toBe(obs.projectName);
    expect(shifted.stats().recorded).toBe(obs.stats().recorded);
  });

  it('keeps calls made inside withSession in their session', async () => {
    store = await createTestObservatory();
    const startedAt = new Date(Date.now() - 10 * DAY_MS);
    const outcomes = await runLangChainChain(store.obs, { tickets: 2, startedAt, offline: true });
    const { sessions, calls } = await readStoredRun(
      store.obs,
      outcomes.map((o) => o.sessionId),
    );
    expect(sessions.map((s) => s.totalLlmCalls)).toEqual([2, 2]);
    const offsets = calls.map((c) => c.timestamp.getTime() - startedAt.getTime());
    expect(
      offsets.every((ms) => ms >= 0 && ms < 30_000),
      String(offsets),
    ).toBe(true);
  });

  it('returns the observatory itself when there is no start time', async () => {
    store = await createTestObservatory();
    expect(backdate(store.obs, undefined)).toBe(store.obs);
  });
});
