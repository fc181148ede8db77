import { Observatory } from '@observatory/core';
import { createTestDatabase, type TestDatabase, testDatabases } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoHistory } from './generate-demo-history.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 20, 12);

describe.each(testDatabases())('generateDemoHistory on %s', (kind) => {
  let db: TestDatabase;
  let obs: Observatory;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const summary = await generateDemoHistory({
      databaseUrl: db.url,
      calls: 1500,
      days: 5,
      seed: 11,
      now: new Date(NOW),
    });
    expect(summary).toMatchObject({
      calls: 1500,
      projects: ['support-copilot', 'code-review-crew', 'research-assistant'],
    });
    obs = new Observatory({ databaseUrl: db.url, flushOnExit: false });
  }, 120_000);
  afterAll(async () => {
    await obs.close();
    await db.drop();
  });

  it('writes the requested calls across three projects and the requested days', async () => {
    const overview = await obs.storage.getOverview({});
    expect(overview.totalCalls).toBe(1500);
    const byProject = await obs.storage.getBreakdown('project', {});
    expect(byProject.map((p) => p.key).sort()).toEqual(['code-review-crew', 'research-assistant', 'support-copilot']);
    const days = await obs.storage.getTimeSeries({ interval: 'day' });
    expect(days.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...days.map((d) => d.time))).toBeGreaterThanOrEqual(NOW - 6 * DAY);
  });

  it('records routing decisions, cache lookups, judge verdicts, prompt variants and some errors', async () => {
    const overview = await obs.storage.getOverview({});
    expect(overview.routedCalls).toBeGreaterThan(100);
    expect(overview.routingSavings).toBeGreaterThan(0);
    expect(overview.cacheLookups).toBeGreaterThan(50);
    expect(overview.cacheHits).toBeGreaterThan(0);
    expect(overview.judgedCalls).toBeGreaterThan(50);
    expect(overview.errorRate).toBeGreaterThan(0);
    expect(overview.errorRate).toBeLessThan(0.15);
    expect(overview.cachedPromptTokens).toBeGreaterThan(0);
    expect(overview.reasoningTokens).toBeGreaterThan(0);
    const variants = await obs.storage.sampleCalls({ metadataKey: 'promptVariant', limit: 2000 });
    const ids = new Set(variants.calls.map((c) => `${c.metadata?.promptId}/${c.metadata?.promptVariant}`));
    expect([...ids].sort()).toEqual(
      expect.arrayContaining(['review-checklist/baseline', 'review-checklist/checklist-v2', 'support-reply/concise']),
    );
  });

  it('sets session times to their calls and uses several agents and models per project', async () => {
    const sessions = await obs.storage.getSessions({ limit: 50 });
    expect(sessions.every((s) => s.startTime.getTime() <= NOW && s.startTime.getTime() >= NOW - 6 * DAY)).toBe(true);
    expect((await obs.storage.getDistinctAgents('code-review-crew')).length).toBe(5);
    expect((await obs.storage.getDistinctModels()).length).toBeGreaterThanOrEqual(6);
  });
});
