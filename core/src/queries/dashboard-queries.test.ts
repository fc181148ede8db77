import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observatory } from '../observatory.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5);

/**
 * Two days of calls in two sessions: a routed call, a judged one with a prompt variant, a
 * cache hit, an error; plus one call in another project.
 */
async function seed(obs: Observatory, other: Observatory): Promise<void> {
  const first = obs.startSession('review');
  const second = obs.startSession('write');
  const at = (ms: number) => new Date(T0 + ms);
  obs.recordCall(makeCall({ sessionId: first.id, timestamp: at(HOUR), latencyMs: 100, prompt: 'first prompt' }));
  obs.recordCall(
    makeCall({
      sessionId: first.id,
      timestamp: at(2 * HOUR),
      latencyMs: 200,
      routingDecision: {
        chosenModel: 'gpt-4o',
        alternativeModels: ['gpt-4o-mini'],
        modelScores: { 'gpt-4o': 0.9 },
        reasoning: 'hard',
      },
    }),
  );
  obs.recordCall(
    makeCall({
      sessionId: second.id,
      timestamp: at(DAY + HOUR),
      latencyMs: 300,
      agentName: 'Writer',
      modelName: 'gpt-4o-mini',
      metadata: { promptId: 'p', promptVariant: 'B' },
      qualityEvaluation: { judgeScore: 7, hallucinationFlag: false, factualError: false, suggestions: [] },
      prompt: 'x'.repeat(50),
      responseText: 'y'.repeat(50),
    }),
  );
  obs.recordCall(
    makeCall({
      sessionId: second.id,
      timestamp: at(DAY + 2 * HOUR),
      latencyMs: 400,
      error: 'boom',
      cacheMetadata: { cacheHit: true },
    }),
  );
  await obs.endSession(first, { success: true });
  await obs.endSession(second, { success: false, error: 'boom' });
  other.recordCall(makeCall({ timestamp: at(DAY), agentName: 'Other' }));
  await obs.flush();
  await other.flush();
}

describe.each(testDatabases())('dashboard queries on %s', (database) => {
  let t: TestObservatory;
  let other: Observatory;
  let projectName: string;

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    projectName = t.obs.projectName;
    const { Observatory } = await import('../observatory.js');
    other = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'zz-other', flushOnExit: false, strict: true });
    await seed(t.obs, other);
  });
  afterAll(async () => {
    await other.close();
    await t.cleanup();
  });

  it('alignSessionTimes moves backdated sessions to their first call’s start and last call’s end', async () => {
    const moved = await t.obs.storage.alignSessionTimes(projectName);
    expect(moved).toBe(2);
    const sessions = await t.obs.storage.getSessions({ projectName });
    const byType = Object.fromEntries(sessions.map((s) => [s.operationType, s]));
    expect(byType.review.startTime.getTime()).toBe(T0 + HOUR);
    // The last call starts at T0 + 2 h and takes 200 ms.
    expect(byType.review.endTime?.getTime()).toBe(T0 + 2 * HOUR + 200);
    expect(byType.write.startTime.getTime()).toBe(T0 + DAY + HOUR);
    expect(await t.obs.storage.alignSessionTimes(projectName)).toBe(0);
  });

  it('sampleCalls returns recent calls newest first, filtered by what they carry', async () => {
    const all = await t.obs.storage.sampleCalls({ projectName, limit: 10 });
    expect(all.calls.map((c) => c.latencyMs)).toEqual([400, 300, 200, 100]);
    expect(all.calls[0].prompt).toBeUndefined();
    const routed = await t.obs.storage.sampleCalls({ projectName, require: 'routing' });
    expect(routed.calls.map((c) => c.routingDecision?.chosenModel)).toEqual(['gpt-4o']);
    const judged = await t.obs.storage.sampleCalls({
      projectName,
      require: 'quality',
      promptChars: 10,
      responseChars: 5,
    });
    expect(judged.calls).toHaveLength(1);
    expect(judged.calls[0]).toMatchObject({
      prompt: 'x'.repeat(10),
      responseText: 'yyyyy',
      qualityEvaluation: { judgeScore: 7 },
    });
    expect(judged.calls[0].timestamp).toEqual(new Date(T0 + DAY + HOUR));
    // The end of a long prompt past its head (never overlapping it), and its length.
    const full = (await t.obs.storage.getLlmCalls({ projectName })).filter((c) => c.prompt);
    for (const [head, tail] of [
      [10, 4],
      [10, 45],
      [12, 4],
    ]) {
      const ends = await t.obs.storage.sampleCalls({
        projectName,
        require: 'prompt',
        promptChars: head,
        promptTailChars: tail,
      });
      const expected = full.map((c) => {
        const text = c.prompt ?? '';
        return [
          c.id,
          text.slice(0, head),
          text.length > head ? text.slice(Math.max(text.length - tail, head)) : null,
          text.length,
        ];
      });
      expect(ends.calls.map((c) => [c.id, c.prompt, c.promptTail, c.promptLength]).sort()).toEqual(expected.sort());
    }
    const variants = await t.obs.storage.sampleCalls({ projectName, metadataKey: 'promptVariant' });
    expect(variants.calls.map((c) => c.metadata)).toEqual([{ promptId: 'p', promptVariant: 'B' }]);
    const errors = await t.obs.storage.sampleCalls({ projectName, require: 'error' });
    expect(errors.calls.map((c) => c.error)).toEqual(['boom']);
  });

  it('sampleCalls only looks at the newest scanLimit calls', async () => {
    const sample = await t.obs.storage.sampleCalls({ projectName, scanLimit: 2, require: 'routing' });
    // The newest two calls (latency 400 and 300) carry no routing decision.
    expect(sample.calls).toEqual([]);
    expect(sample.scannedFrom).toEqual(new Date(T0 + DAY + HOUR));
    await expect(t.obs.storage.sampleCalls({ metadataKey: "x' or 1=1" })).rejects.toThrow(/metadataKey/);
  });

  it('getWindowActivity sums a recent window per bucket and agent, with failures and the exact p95', async () => {
    const window = await t.obs.storage.getWindowActivity({ projectName, from: new Date(T0 + DAY), bucketMs: HOUR });
    const byTime = [...window.groups].sort((a, b) => a.time - b.time);
    expect(byTime).toEqual([
      expect.objectContaining({ time: T0 + DAY + HOUR, agentName: 'Writer', calls: 1, errors: 0, latencySumMs: 300 }),
      expect.objectContaining({
        time: T0 + DAY + 2 * HOUR,
        agentName: 'Reviewer',
        calls: 1,
        errors: 1,
        latencySumMs: 400,
      }),
    ]);
    expect(byTime[1].lastSeen).toEqual(new Date(T0 + DAY + 2 * HOUR));
    expect(byTime[0].tokens).toBeGreaterThan(0);
    expect(window.p95LatencyMs).toBe(400);
    // Every project, a day-wide bucket: the other project's call joins the day.
    const all = await t.obs.storage.getWindowActivity({ from: new Date(T0), bucketMs: DAY });
    expect(all.groups.reduce((sum, g) => sum + g.calls, 0)).toBe(5);
    expect(all.groups.reduce((sum, g) => sum + g.errors, 0)).toBe(1);
    expect(all.groups.find((g) => g.agentName === 'Other')).toMatchObject({ time: T0 + DAY, calls: 1 });
    const none = await t.obs.storage.getWindowActivity({ projectName, from: new Date(T0 + 9 * DAY), bucketMs: HOUR });
    expect(none).toEqual({ groups: [], p95LatencyMs: null });
  });

  it("getRecentCallFigures gives a series' newest calls one by one, in range, newest first", async () => {
    const range = { from: new Date(T0), to: new Date(T0 + 3 * DAY) };
    const reviewer = await t.obs.storage.getRecentCallFigures({ projectName, agentName: 'Reviewer', ...range });
    expect(reviewer.latenciesMs).toEqual([400, 200, 100]);
    expect(reviewer.tokens).toEqual([1500, 1500, 1500]);
    const reviewerCalls = (await t.obs.storage.getLlmCalls({ projectName, agentName: 'Reviewer' })).sort(
      (a, b) => b.timestamp.getTime() - a.timestamp.getTime(),
    );
    expect(reviewer.costs).toEqual(reviewerCalls.map((call) => call.totalCost));
    expect(reviewer.costs[0]).toBeGreaterThan(0);
    // By model across projects: the other project's call is among them; `to` is exclusive.
    const model = await t.obs.storage.getRecentCallFigures({ modelName: 'gpt-4o', ...range });
    expect(model.latenciesMs).toEqual([400, 850, 200, 100]);
    const before = await t.obs.storage.getRecentCallFigures({
      modelName: 'gpt-4o',
      ...range,
      to: new Date(T0 + DAY + 2 * HOUR),
    });
    expect(before.latenciesMs).toEqual([850, 200, 100]);
    const newest = await t.obs.storage.getRecentCallFigures({ projectName, agentName: 'Reviewer', ...range, limit: 2 });
    expect(newest.latenciesMs).toEqual([400, 200]);
  });

  it('getCrossBreakdown sums per pair of dimensions', async () => {
    const cells = await t.obs.storage.getCrossBreakdown('model', 'agent', { projectName });
    const find = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column);
    expect(find('gpt-4o', 'Reviewer')).toMatchObject({ totalCalls: 3, errorCalls: 1, routedCalls: 1, cacheHits: 1 });
    expect(find('gpt-4o-mini', 'Writer')).toMatchObject({ totalCalls: 1, judgedCalls: 1, avgJudgeScore: 7 });
    await expect(t.obs.storage.getCrossBreakdown('model', 'model')).rejects.toThrow(/dimensions/);
  });

  it('countSessions counts sessions started in a range, per project, with failures', async () => {
    await t.obs.storage.alignSessionTimes(projectName);
    const counts = await t.obs.storage.countSessions({ from: new Date(T0), to: new Date(T0 + 2 * DAY) });
    expect(counts.find((c) => c.projectName === projectName)).toEqual({ projectName, sessions: 2, failed: 1 });
    const secondDay = await t.obs.storage.countSessions({ from: new Date(T0 + DAY) });
    expect(secondDay.find((c) => c.projectName === projectName)).toEqual({ projectName, sessions: 1, failed: 1 });
  });

  it('getDistinctProjects lists every project', async () => {
    expect(await t.obs.storage.getDistinctProjects()).toEqual(expect.arrayContaining([projectName, 'zz-other']));
  });

  it('getLlmCall returns one call in full', async () => {
    const [newest] = await t.obs.storage.getLlmCalls({ projectName, limit: 1 });
    const call = await t.obs.storage.getLlmCall(newest.id);
    expect(call).toMatchObject({ id: newest.id, error: 'boom', cacheMetadata: { cacheHit: true } });
    expect(await t.obs.storage.getLlmCall('missing')).toBeNull();
  });

  it('streamLlmCalls pages through every call in order', async () => {
    const seen: number[] = [];
    for await (const call of t.obs.storage.streamLlmCalls({ projectName, pageSize: 1 })) seen.push(call.latencyMs);
    expect(seen).toEqual([100, 200, 300, 400]);
    const fromSecondDay: number[] = [];
    for await (const call of t.obs.storage.streamLlmCalls({ projectName, from: new Date(T0 + DAY), pageSize: 3 })) {
      fromSecondDay.push(call.latencyMs);
    }
    expect(fromSecondDay).toEqual([300, 400]);
  });

  it('getStoreStats counts calls from the rollups', async () => {
    const stats = await t.obs.storage.getStoreStats();
    expect(stats).toMatchObject({ calls: 5, sessions: 3, firstHour: T0 + HOUR, lastHour: T0 + DAY + 2 * HOUR });
    expect(stats.rollupRows).toBeGreaterThanOrEqual(5);
  });
});
