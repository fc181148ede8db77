import { type LLMCall, Observatory } from '@observatory/core';
import { createTestDatabase, type TestDatabase, testDatabases } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, fillDemoHistory } from './fill-demo-history.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-20T12:00:00Z');

describe.each(testDatabases())('observatory demo history on %s', (kind) => {
  let database: TestDatabase;
  let obs: Observatory;
  let summary: DemoSummary;
  let calls: LLMCall[];
  const progress: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    summary = await fillDemoHistory({
      databaseUrl: database.url,
      calls: 1500,
      crewCalls: 500,
      days: 7,
      seed: 11,
      now: NOW,
      onProgress: (recorded) => progress.push(recorded),
    });
    obs = new Observatory({ databaseUrl: database.url, flushOnExit: false });
    calls = [];
    for (let offset = 0; ; offset += 10_000) {
      const page = await obs.storage.getLlmCalls({ limit: 10_000, offset, order: 'asc' });
      calls.push(...page);
      if (page.length < 10_000) break;
    }
  }, 120_000);

  afterAll(async () => {
    await obs?.close();
    await database?.drop();
  });

  it('writes about the calls asked for, a third of them made by running the crews', () => {
    expect(calls).toHaveLength(summary.calls);
    expect(summary.calls).toBeGreaterThanOrEqual(1500);
    expect(summary.calls).toBeLessThan(1560);
    expect(summary.crewCalls).toBeGreaterThanOrEqual(500);
    expect(summary.crewCalls).toBeLessThan(560);
    expect(progress.at(-1)).toBe(summary.calls);
    expect(new Set(calls.map((c) => c.projectName))).toEqual(
      new Set(['crew-career-copilot', 'crew-code-review', 'crew-sql-agent']),
    );
  });

  it('holds what the crews record: agents, routing, cache, judge, prompt variants and failures', () => {
    const agents = new Set(calls.map((c) => c.agentName));
    for (const agent of ['Analyzer', 'Reviewer', 'Fixer', 'SQLAgent', 'Judge', 'ResumeReviewer']) {
      expect(agents).toContain(agent);
    }
    expect(calls.some((c) => c.routingDecision !== null)).toBe(true);
    expect(calls.some((c) => c.cacheMetadata?.cacheHit === true)).toBe(true);
    expect(calls.some((c) => c.qualityEvaluation !== null)).toBe(true);
    expect(new Set(calls.map((c) => c.metadata?.promptVariant).filter(Boolean))).toEqual(new Set(['A', 'B']));
    expect(calls.some((c) => c.error !== null)).toBe(true);
    expect(calls.some((c) => (c.cachedPromptTokens ?? 0) > 0)).toBe(true);
  });

  it('covers every column the dashboard shows: streaming, reasoning, estimates, 1-hour cache writes, incidents, users', () => {
    expect(calls.some((c) => c.ttftMs !== null)).toBe(true);
    expect(new Set(calls.filter((c) => c.reasoningTokens > 0).map((c) => c.provider))).toEqual(
      new Set(['openai', 'anthropic']),
    );
    expect(calls.some((c) => c.usageSource === 'estimated')).toBe(true);
    expect(calls.some((c) => c.cacheWrite1hTokens > 0)).toBe(true);
    expect(calls.some((c) => /^429 /.test(c.error ?? ''))).toBe(true);
    expect(calls.every((c) => typeof c.metadata?.userId === 'string' && typeof c.metadata?.tenantId === 'string')).toBe(
      true,
    );
  });

  it('replays crew sessions rather than inventing calls: every session repeats one the crews ran', async () => {
    const sessions = await obs.storage.getSessions({ limit: 10_000 });
    expect(sessions.length).toBe(summary.sessions);
    const shape = (sessionCalls: LLMCall[]) =>
      sessionCalls
        .map((c) => [c.agentName, c.modelName, c.promptTokens, c.completionTokens, c.totalCost].join('/'))
        .join(' → ');
    const bySession = new Map<string, LLMCall[]>();
    for (const c of calls) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
    const shapes = new Map<string, number>();
    for (const sessionCalls of bySession.values()) {
      const key = shape(sessionCalls);
      shapes.set(key, (shapes.get(key) ?? 0) + 1);
    }
    // The crews made ~500 calls in fewer sessions than that; replays only repeat their shapes.
    expect(shapes.size).toBeLessThan(summary.crewCalls);
    expect(bySession.size).toBeGreaterThan(shapes.size);
    expect(Math.max(...shapes.values())).toBeGreaterThan(1);
  });

  it('spreads sessions over the days asked for, in simulated time', async () => {
    const from = NOW.getTime() - 7 * DAY_MS;
    expect(calls.every((c) => c.timestamp.getTime() >= from && c.timestamp.getTime() <= NOW.getTime())).toBe(true);
    expect(new Set(calls.map((c) => c.timestamp.toISOString().slice(0, 10))).size).toBeGreaterThanOrEqual(7);
    // Latencies are what the models would take (hundreds of ms and more), not the offline run's milliseconds.
    const modelLatencies = calls
      .filter((c) => (c.completionTokens ?? 0) > 0)
      .map((c) => c.latencyMs ?? 0)
      .sort((a, b) => a - b);
    expect(modelLatencies[Math.floor(modelLatencies.length / 2)]).toBeGreaterThan(300);
    // Sessions were moved to their calls' times.
    const sessions = await obs.storage.getSessions({ limit: 10_000 });
    const firstCall = new Map<string, number>();
    for (const c of calls) if (!firstCall.has(c.sessionId)) firstCall.set(c.sessionId, c.timestamp.getTime());
    for (const session of sessions) {
      expect(session.startTime.getTime()).toBeLessThanOrEqual(firstCall.get(session.id) ?? Number.POSITIVE_INFINITY);
      expect(session.startTime.getTime()).toBeGreaterThanOrEqual(from - DAY_MS);
    }
  });
});
