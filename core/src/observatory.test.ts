import { afterEach, describe, expect, it } from 'vitest';
import type { Observatory } from './observatory.js';
import { ObservatoryError, ObservatoryValidationError } from './observatory-error.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from './test/index.js';

/** Each stored session's totals must equal the sums over its stored calls. */
async function expectSessionTotalsMatchCalls(obs: Observatory): Promise<void> {
  const sessions = await obs.storage.getSessions({ projectName: obs.projectName, limit: 1000 });
  const calls = await obs.storage.getLlmCalls({ projectName: obs.projectName, limit: 10_000 });
  const mismatches = sessions.flatMap((session) => {
    const own = calls.filter((c) => c.sessionId === session.id);
    const expected = {
      totalLlmCalls: own.length,
      totalTokens: own.reduce((s, c) => s + c.totalTokens, 0),
      totalCost: Number(own.reduce((s, c) => s + c.totalCost, 0).toFixed(12)),
      totalLatencyMs: own.reduce((s, c) => s + c.latencyMs, 0),
    };
    const actual = {
      totalLlmCalls: session.totalLlmCalls,
      totalTokens: session.totalTokens,
      totalCost: Number(session.totalCost.toFixed(12)),
      totalLatencyMs: session.totalLatencyMs,
    };
    return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ id: session.id, actual, expected }];
  });
  expect(mismatches).toEqual([]);
}

describe.each(testDatabases())('Observatory on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('records calls into sessions and reads them back with exact tokens and dollars', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const session = obs.startSession('code_review', { ticket: 42 });
    obs.recordCall(
      makeCall({ sessionId: session.id, promptTokens: 1000, cachedPromptTokens: 200, completionTokens: 100 }),
    );
    obs.recordCall(
      makeCall({
        sessionId: session.id,
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        promptTokens: 5000,
        cachedPromptTokens: 3000,
        cacheWriteTokens: 1000,
        completionTokens: 400,
        reasoningTokens: 150,
        agentName: 'Fixer',
        ttftMs: 210,
        finishReason: 'end_turn',
        metadata: { attempt: 2 },
      }),
    );
    await obs.endSession(session, { success: true });
    await obs.flush();

    const calls = await obs.storage.getLlmCalls({ sessionId: session.id, order: 'asc' });
    expect(
      calls.map((c) => [
        c.modelName,
        c.promptTokens,
        c.cachedPromptTokens,
        c.cacheWriteTokens,
        c.completionTokens,
        c.reasoningTokens,
        c.totalCost,
        c.costSource,
      ]),
    ).toEqual([
      ['gpt-4o', 1000, 200, 0, 100, 0, (800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6, 'price_table'],
      [
        'claude-sonnet-4-5',
        5000,
        3000,
        1000,
        400,
        150,
        (1000 * 3 + 3000 * 0.3 + 1000 * 3.75 + 400 * 15) / 1e6,
        'price_table',
      ],
    ]);
    expect(calls[1]).toMatchObject({
      agentName: 'Fixer',
      ttftMs: 210,
      finishReason: 'end_turn',
      metadata: { attempt: 2 },
      usageSource: 'reported',
    });

    const [stored] = await obs.storage.getSessions({ projectName: obs.projectName });
    expect(stored).toMatchObject({
      id: session.id,
      operationType: 'code_review',
      success: true,
      totalLlmCalls: 2,
      totalTokens: 6500,
    });
    expect(stored.totalCost).toBeCloseTo(0.00325 + 0.01365, 12);
    expect(stored.metadata).toEqual({ ticket: 42 });
    expect(stored.endTime).toBeInstanceOf(Date);
    await expectSessionTotalsMatchCalls(obs);
  });

  it('withSession ends with success, or with the error message and rethrows', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    await obs.withSession('ok_flow', async () => {
      obs.recordCall(makeCall());
    });
    await expect(
      obs.withSession('failing_flow', async () => {
        obs.recordCall(makeCall({ error: 'rate limited' }));
        throw new Error('tool crashed');
      }),
    ).rejects.toThrow('tool crashed');
    await obs.flush();
    const sessions = await obs.storage.getSessions({ projectName: obs.projectName });
    expect(sessions.map((s) => [s.operationType, s.success, s.error, s.totalLlmCalls]).sort()).toEqual([
      ['failing_flow', false, 'tool crashed', 1],
      ['ok_flow', true, null, 1],
    ]);
    await expectSessionTotalsMatchCalls(obs);
  });

  it('ends a session as cancelled: ended, with success and error null, also when ingested', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const session = obs.startSession('streamed_answer');
    obs.recordCall(makeCall({ sessionId: session.id }));
    await obs.endSession(session, { cancelled: true });
    const ingested = '01890000-0000-7000-8000-00000000c0de';
    const startTime = new Date().toISOString();
    const ingest = await obs.ingestRecorded([
      { kind: 'session', session: { id: ingested, projectName: obs.projectName, operationType: 'remote', startTime } },
      { kind: 'end', end: { id: ingested, endTime: startTime, success: null } },
    ]);
    expect(ingest).toEqual({ accepted: 2, rejected: [] });
    await obs.flush();

    expect([session.success, session.error, session.endTime instanceof Date]).toEqual([null, null, true]);
    const sessions = await obs.storage.getSessions({ projectName: obs.projectName });
    expect(
      sessions.map((s) => [s.operationType, s.endTime instanceof Date, s.success, s.error, s.totalLlmCalls]).sort(),
    ).toEqual([
      ['remote', true, null, null, 0],
      ['streamed_answer', true, null, null, 1],
    ]);
  });

  it('keeps concurrent withSession calls apart and puts stray calls in one implicit session', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const run = (name: string, n: number) =>
      obs.withSession(name, async () => {
        for (let i = 0; i < n; i++) {
          await new Promise((r) => setTimeout(r, 1));
          obs.recordCall(makeCall({ agentName: name }));
        }
      });
    await Promise.all([run('a', 5), run('b', 7)]);
    obs.recordCall(makeCall({ agentName: 'stray' }));
    obs.recordCall(makeCall({ agentName: 'stray' }));
    await obs.close();
    const reopened = await createTestObservatoryOn(t.databaseUrl, obs.projectName);
    const sessions = await reopened.storage.getSessions({ projectName: obs.projectName });
    const calls = await reopened.storage.getLlmCalls({ projectName: obs.projectName });
    const agentsBySession = new Map<string, Set<string>>();
    for (const call of calls) {
      const set = agentsBySession.get(call.sessionId) ?? new Set();
      set.add(call.agentName ?? '');
      agentsBySession.set(call.sessionId, set);
    }
    expect(
      sessions.map((s) => [s.operationType, s.totalLlmCalls, [...(agentsBySession.get(s.id) ?? [])]]).sort(),
    ).toEqual([
      ['a', 5, ['a']],
      ['b', 7, ['b']],
      ['implicit', 2, ['stray']],
    ]);
    expect(sessions.find((s) => s.operationType === 'implicit')?.success).toBe(true);
    await reopened.close();
  });

  it('creates the session row for a sessionId started elsewhere, so no call is lost', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    obs.recordCall(makeCall({ sessionId: 'thread-from-another-process' }));
    obs.recordCall(makeCall({ sessionId: 'thread-from-another-process' }));
    await obs.flush();
    const session = await obs.storage.getSession('thread-from-another-process');
    expect(session).toMatchObject({ operationType: 'external', totalLlmCalls: 2 });
  });

  it('stores a call and the session it creates under the per-call projectName', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const other = `${obs.projectName}-other`;
    obs.recordCall(makeCall({ sessionId: 'trace-1', projectName: other, timestamp: '2026-01-02T03:04:05Z' }));
    obs.recordCall(makeCall({ agentName: 'own project' }));
    await obs.flush();
    const [call] = await obs.storage.getLlmCalls({ projectName: other });
    expect(call).toMatchObject({ projectName: other, sessionId: 'trace-1' });
    expect(await obs.storage.getSession('trace-1')).toMatchObject({
      projectName: other,
      startTime: new Date('2026-01-02T03:04:05Z'),
      totalLlmCalls: 1,
    });
    const own = await obs.storage.getLlmCalls({ projectName: obs.projectName });
    expect(own.map((c) => c.agentName)).toEqual(['own project']);
  });

  it('stores a call with a caller-chosen id once, however often and in whichever batch it comes', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const id = '0190aa00-0000-7000-8000-000000000001';
    const repeated = makeCall({ id, sessionId: 'trace-2', promptTokens: 1000, completionTokens: 100 });
    obs.recordCall(repeated);
    obs.recordCall(repeated);
    await obs.flush();
    obs.recordCall(repeated);
    obs.recordCall(makeCall({ sessionId: 'trace-2', promptTokens: 10, completionTokens: 1 }));
    await obs.flush();
    const calls = await obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' });
    expect(calls.map((c) => [c.id === id, c.promptTokens])).toEqual([
      [true, 1000],
      [false, 10],
    ]);
    await expectSessionTotalsMatchCalls(obs);
    const overview = await obs.storage.getOverview({ projectName: obs.projectName });
    expect(overview).toMatchObject({ totalCalls: 2, totalTokens: 1111 });
  });

  it('in strict mode throws validation errors naming the field; the valid calls around it are stored', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    obs.recordCall(makeCall({ agentName: 'before' }));
    expect(() => obs.recordCall(makeCall({ promptTokens: -1 }))).toThrow(ObservatoryValidationError);
    obs.recordCall(makeCall({ agentName: 'after' }));
    await obs.flush();
    const calls = await obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' });
    expect(calls.map((c) => c.agentName)).toEqual(['before', 'after']);
    expect(obs.stats()).toMatchObject({ recorded: 2, written: 2, rejected: 1, pending: 0 });
  });

  it('by default reports bad input through onError and never throws into the app', async () => {
    t = await createTestObservatory({ database, strict: false });
    const { obs, errors } = t;
    const result = obs.recordCall({ provider: 'openai', modelName: '', promptTokens: Number.NaN } as never);
    expect(result).toBeUndefined();
    await obs.endSession('never-started', { success: true });
    expect(errors.map((e) => (e as Error).message)).toEqual([
      expect.stringMatching(/modelName = "".*promptTokens = NaN/),
      expect.stringMatching(/endSession: session never-started is not open/),
    ]);
    expect(errors.every((e) => ObservatoryError.isInstance(e))).toBe(true);
  });

  it('close is idempotent and refuses recording afterwards', async () => {
    t = await createTestObservatory({ database, strict: false });
    const { obs, errors } = t;
    obs.recordCall(makeCall());
    await Promise.all([obs.close(), obs.close()]);
    await obs.close();
    expect(obs.recordCall(makeCall())).toBeUndefined();
    expect(errors.map((e) => (e as Error).message)).toEqual(['recordCall after close(): nothing was recorded']);
    expect(obs.stats()).toMatchObject({ recorded: 1, written: 1, rejected: 1 });
  });

  it('stores no prompt text with capturePrompts off, and redacts secrets otherwise', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    obs.recordCall(makeCall({ prompt: 'my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123' }));
    await obs.flush();
    const [call] = await obs.storage.getLlmCalls({ projectName: obs.projectName });
    expect(call.prompt).toBe('my key is [REDACTED:openai_key]');

    const quiet = await createTestObservatory({ database, capturePrompts: false });
    try {
      quiet.obs.recordCall(makeCall({ prompt: 'private', responseText: 'also private' }));
      await quiet.obs.flush();
      const [stored] = await quiet.obs.storage.getLlmCalls({ projectName: quiet.obs.projectName });
      expect([stored.prompt, stored.responseText]).toEqual([null, null]);
    } finally {
      await quiet.cleanup();
    }
  });

  it('applies custom prices and user-given costs, and marks unpriced models', async () => {
    t = await createTestObservatory({
      database,
      customPrices: { 'house-llm': { inputPerMTok: 1, outputPerMTok: 4 } },
    });
    const { obs } = t;
    obs.recordCall(makeCall({ provider: 'local', modelName: 'house-llm', promptTokens: 2000, completionTokens: 500 }));
    obs.recordCall(makeCall({ totalCost: 0.42 }));
    obs.recordCall(makeCall({ provider: 'local', modelName: 'mystery-7b' }));
    await obs.flush();
    const calls = await obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' });
    expect(calls.map((c) => [c.modelName, c.totalCost, c.costSource])).toEqual([
      ['house-llm', (2000 * 1 + 500 * 4) / 1e6, 'custom'],
      ['gpt-4o', 0.42, 'user'],
      ['mystery-7b', 0, 'unknown'],
    ]);
    const overview = await obs.storage.getOverview({ projectName: obs.projectName });
    expect(overview.unpricedCalls).toBe(1);
  });

  it('writes many calls in batches with totals intact', async () => {
    t = await createTestObservatory({ database, batchSize: 250 });
    const { obs } = t;
    const sessions = [obs.startSession('bulk-a'), obs.startSession('bulk-b')];
    for (let i = 0; i < 2000; i++) {
      obs.recordCall(makeCall({ sessionId: sessions[i % 2].id, promptTokens: 100 + i, completionTokens: i % 50 }));
    }
    for (const s of sessions) await obs.endSession(s, { success: true });
    await obs.flush();
    expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(2000);
    const overview = await obs.storage.getOverview({ projectName: obs.projectName });
    expect(overview.totalCalls).toBe(2000);
    expect(overview.promptTokens).toBe(2000 * 100 + (1999 * 2000) / 2);
    await expectSessionTotalsMatchCalls(obs);
  });
});

async function createTestObservatoryOn(databaseUrl: string, projectName: string): Promise<Observatory> {
  const { Observatory } = await import('./observatory.js');
  return new Observatory({ databaseUrl, projectName, flushOnExit: false, strict: true });
}
