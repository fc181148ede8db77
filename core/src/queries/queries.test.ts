import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observatory } from '../observatory.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A fixed UTC day start, so hour and day buckets are predictable. */
const T0 = Date.UTC(2026, 0, 5);

/**
 * A small, fully known history: two projects, three models, two agents, errors, cache,
 * routing and judge data spread over three days.
 */
function seed(obs: Observatory): void {
  const review = obs.startSession('code_review');
  const failed = obs.startSession('sql_agent');
  const at = (ms: number) => new Date(T0 + ms);
  const calls = [
    makeCall({
      sessionId: review.id,
      timestamp: at(0),
      latencyMs: 100,
      agentName: 'Analyzer',
      operationName: 'analyze',
      promptTokens: 1000,
      completionTokens: 100,
    }),
    makeCall({
      sessionId: review.id,
      timestamp: at(10 * 60_000),
      latencyMs: 200,
      agentName: 'Analyzer',
      operationName: 'analyze',
      promptTokens: 1000,
      completionTokens: 100,
      cacheMetadata: { cacheHit: true, cacheKey: 'k1' },
    }),
    makeCall({
      sessionId: review.id,
      timestamp: at(HOUR + 5),
      latencyMs: 300,
      agentName: 'Reviewer',
      operationName: 'review',
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
      promptTokens: 2000,
      completionTokens: 200,
      cacheMetadata: { cacheHit: false },
      qualityEvaluation: { judgeScore: 8, hallucinationFlag: false, factualError: false, suggestions: [] },
    }),
    makeCall({
      sessionId: failed.id,
      timestamp: at(DAY + 1),
      latencyMs: 1000,
      agentName: 'Reviewer',
      operationName: 'review',
      modelName: 'gpt-4o-mini',
      promptTokens: 500,
      completionTokens: 50,
      error: 'timeout',
      routingDecision: {
        chosenModel: 'gpt-4o-mini',
        alternativeModels: ['gpt-4o'],
        modelScores: { 'gpt-4o-mini': 0.8 },
        reasoning: 'simple',
        estimatedCostSavings: 0.002,
      },
    }),
    makeCall({
      sessionId: failed.id,
      timestamp: at(2 * DAY + 1),
      latencyMs: 5000,
      agentName: null,
      operationName: null,
      modelName: 'gpt-4o-mini',
      promptTokens: 500,
      completionTokens: 50,
      qualityEvaluation: { judgeScore: 4, hallucinationFlag: true, factualError: true, suggestions: ['cite'] },
    }),
  ];
  for (const call of calls) obs.recordCall(call);
  void obs.endSession(review, { success: true });
  void obs.endSession(failed, { success: false, error: 'gave up' });
}

const cost = {
  gpt4o: (1000 * 2.5 + 100 * 10) / 1e6,
  sonnet: (2000 * 3 + 200 * 15) / 1e6,
  mini: (500 * 0.15 + 50 * 0.6) / 1e6,
};

describe.each(testDatabases())('queries on %s', (database) => {
  let t: TestObservatory;
  let other: Observatory;
  let projectName: string;

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    projectName = t.obs.projectName;
    seed(t.obs);
    await t.obs.flush();
    const { Observatory } = await import('../observatory.js');
    other = new Observatory({
      databaseUrl: t.databaseUrl,
      projectName: 'other-project',
      flushOnExit: false,
      strict: true,
    });
    other.recordCall(makeCall({ timestamp: new Date(T0), modelName: 'gpt-4.1' }));
    await other.close();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('getOverview sums tokens, dollars, errors, cache, routing and judge data', async () => {
    const overview = await t.obs.storage.getOverview({ projectName });
    expect(overview).toMatchObject({
      totalCalls: 5,
      errorCalls: 1,
      errorRate: 0.2,
      promptTokens: 5000,
      completionTokens: 500,
      totalTokens: 5500,
      avgLatencyMs: 6600 / 5,
      cacheLookups: 2,
      cacheHits: 1,
      cacheHitRate: 0.5,
      routedCalls: 1,
      routingSavings: 0.002,
      judgedCalls: 2,
      avgJudgeScore: 6,
      hallucinations: 1,
      factualErrors: 1,
      totalSessions: 2,
      failedSessions: 1,
      unpricedCalls: 0,
    });
    expect(overview.judgeScoreStdDev).toBeCloseTo(Math.SQRT2 * 2, 10);
    expect(overview.totalCost).toBeCloseTo(2 * cost.gpt4o + cost.sonnet + 2 * cost.mini, 9);
    // p50 of {100,200,300,1000,5000} lies in the 300 ms bucket, p95 in the 5000 ms one.
    expect(overview.p50LatencyMs).toBeGreaterThanOrEqual(250);
    expect(overview.p50LatencyMs).toBeLessThanOrEqual(400);
    expect(overview.p95LatencyMs).toBeGreaterThanOrEqual(4000);
    expect(overview.p95LatencyMs).toBeLessThanOrEqual(6000);
  });

  it('getOverview filters by time range (hour-aligned) and by model', async () => {
    const day1 = await t.obs.storage.getOverview({ projectName, from: new Date(T0), to: new Date(T0 + DAY) });
    expect(day1.totalCalls).toBe(3);
    const mid = await t.obs.storage.getOverview({
      projectName,
      from: new Date(T0 + 30 * 60_000),
      to: new Date(T0 + DAY),
    });
    expect(mid.totalCalls).toBe(3);
    const mini = await t.obs.storage.getOverview({ projectName, modelName: 'gpt-4o-mini' });
    expect([mini.totalCalls, mini.errorCalls]).toEqual([2, 1]);
    const empty = await t.obs.storage.getOverview({ projectName: 'nobody' });
    expect(empty).toMatchObject({ totalCalls: 0, totalCost: 0, errorRate: 0, p95LatencyMs: null, totalSessions: 0 });
  });

  it('getBreakdown groups by model, agent and operation, most expensive first', async () => {
    const byModel = await t.obs.storage.getBreakdown('model', { projectName });
    expect(byModel.map((r) => [r.key, r.provider, r.totalCalls])).toEqual([
      ['claude-sonnet-4-5', 'anthropic', 1],
      ['gpt-4o', 'openai', 2],
      ['gpt-4o-mini', 'openai', 2],
    ]);
    expect(byModel.reduce((s, r) => s + r.costShare, 0)).toBeCloseTo(1, 10);
    expect(byModel[1].p50LatencyMs).not.toBeNull();

    const byAgent = await t.obs.storage.getBreakdown('agent', { projectName });
    expect(Object.fromEntries(byAgent.map((r) => [r.key, r.totalCalls]))).toEqual({ Analyzer: 2, Reviewer: 2, '': 1 });
    const byOperation = await t.obs.storage.getBreakdown('operation', { projectName });
    expect(Object.fromEntries(byOperation.map((r) => [r.key, r.errorCalls]))).toEqual({ analyze: 0, review: 1, '': 0 });
    const byProject = await t.obs.storage.getBreakdown('project', {});
    expect(byProject.map((r) => r.key).sort()).toEqual(['other-project', projectName].sort());
  });

  it('getTimeSeries buckets by hour and by day, optionally split by a dimension', async () => {
    const hourly = await t.obs.storage.getTimeSeries({ projectName, interval: 'hour' });
    expect(hourly.map((p) => [p.time - T0, p.totalCalls])).toEqual([
      [0, 2],
      [HOUR, 1],
      [DAY, 1],
      [2 * DAY, 1],
    ]);
    const daily = await t.obs.storage.getTimeSeries({ projectName, interval: 'day' });
    expect(daily.map((p) => [p.time - T0, p.totalCalls, p.errorCalls])).toEqual([
      [0, 3, 0],
      [DAY, 1, 1],
      [2 * DAY, 1, 0],
    ]);
    const split = await t.obs.storage.getTimeSeries({ projectName, interval: 'day', groupBy: 'model' });
    expect(
      split
        .filter((p) => p.time === T0)
        .map((p) => [p.key, p.totalCalls])
        .sort(),
    ).toEqual([
      ['claude-sonnet-4-5', 1],
      ['gpt-4o', 2],
    ]);
  });

  it('getSessions and getLlmCalls filter, order and page', async () => {
    const sessions = await t.obs.storage.getSessions({ projectName });
    expect(sessions.map((s) => s.operationType)).toEqual(['sql_agent', 'code_review']);
    expect(await t.obs.storage.getSessions({ projectName, success: false })).toHaveLength(1);
    expect(await t.obs.storage.getSessions({ projectName, limit: 1, offset: 1 })).toMatchObject([
      { operationType: 'code_review' },
    ]);

    const newest = await t.obs.storage.getLlmCalls({ projectName, limit: 2 });
    expect(newest.map((c) => c.timestamp.getTime() - T0)).toEqual([2 * DAY + 1, DAY + 1]);
    const page2 = await t.obs.storage.getLlmCalls({ projectName, limit: 2, offset: 2 });
    expect(page2.map((c) => c.timestamp.getTime() - T0)).toEqual([HOUR + 5, 10 * 60_000]);
    expect(await t.obs.storage.countLlmCalls({ projectName, agentName: 'Reviewer' })).toBe(2);
    expect(await t.obs.storage.countLlmCalls({ projectName, hasError: true })).toBe(1);
    const inRange = await t.obs.storage.getLlmCalls({
      projectName,
      from: new Date(T0 + HOUR),
      to: new Date(T0 + 2 * DAY),
    });
    expect(inRange.map((c) => c.modelName)).toEqual(['gpt-4o-mini', 'claude-sonnet-4-5']);
    const byModel = await t.obs.storage.getLlmCalls({ projectName, modelName: 'gpt-4o-mini', order: 'asc' });
    expect(byModel[0].routingDecision).toEqual({
      chosenModel: 'gpt-4o-mini',
      alternativeModels: ['gpt-4o'],
      modelScores: { 'gpt-4o-mini': 0.8 },
      reasoning: 'simple',
      estimatedCostSavings: 0.002,
    });
  });

  it('lists distinct projects, models, agents and operations', async () => {
    expect(await t.obs.storage.getDistinctProjects()).toEqual(['other-project', projectName].sort());
    expect(await t.obs.storage.getDistinctModels(projectName)).toEqual(['claude-sonnet-4-5', 'gpt-4o', 'gpt-4o-mini']);
    expect(await t.obs.storage.getDistinctModels()).toContain('gpt-4.1');
    expect(await t.obs.storage.getDistinctAgents(projectName)).toEqual(['Analyzer', 'Reviewer']);
    expect(await t.obs.storage.getDistinctOperations(projectName)).toEqual(['analyze', 'review']);
  });

  it('rejects a bad limit and a bad date with an error naming them', async () => {
    await expect(t.obs.storage.getLlmCalls({ limit: -5 })).rejects.toThrow(/limit = -5/);
    await expect(t.obs.storage.getOverview({ from: new Date('nope') })).rejects.toThrow(/from = Date\(Invalid\)/);
  });
});

describe.each(testDatabases())('deleteSessionsBefore on %s', (database) => {
  it('removes old sessions with their calls and takes them out of the rollups', async () => {
    const t = await createTestObservatory({ database });
    try {
      const { obs } = t;
      seed(obs);
      await obs.flush();
      const recent = obs.startSession('recent');
      obs.recordCall(makeCall({ sessionId: recent.id, timestamp: new Date(T0 + 2 * DAY), latencyMs: 5000 }));
      await obs.flush();
      const before = await obs.storage.getOverview({ projectName: obs.projectName });
      expect(before.totalCalls).toBe(6);

      const removed = await obs.storage.deleteSessionsBefore(new Date(recent.startTime.getTime()), obs.projectName);
      expect(removed).toEqual({ sessions: 2, calls: 5 });

      const after = await obs.storage.getOverview({ projectName: obs.projectName });
      expect(after).toMatchObject({
        totalCalls: 1,
        errorCalls: 0,
        promptTokens: 1200,
        cacheLookups: 0,
        judgedCalls: 0,
        totalSessions: 1,
      });
      expect(after.totalCost).toBeCloseTo((1200 * 2.5 + 300 * 10) / 1e6, 12);
      expect(after.p50LatencyMs).toBeGreaterThanOrEqual(4000);
      expect(await obs.storage.getDistinctModels(obs.projectName)).toEqual(['gpt-4o']);
      expect((await obs.storage.getSessions({ projectName: obs.projectName })).map((s) => s.operationType)).toEqual([
        'recent',
      ]);
    } finally {
      await t.cleanup();
    }
  });
});
