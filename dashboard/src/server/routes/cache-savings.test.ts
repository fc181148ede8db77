import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../create-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 30, 12);

/**
 * A month of quiet traffic and one busy last hour of near-duplicate questions: the busy
 * hour's rate times thirty days came to more than the month's whole spend.
 */
describe('the Cache Analyzer’s potential savings', () => {
  let t: TestObservatory;
  let app: Hono;

  beforeAll(async () => {
    t = await createTestObservatory({ projectName: 'shop' });
    const record = (at: number, prompt: string, cost: number) =>
      t.obs.recordCall({
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 400,
        completionTokens: 50,
        totalCost: cost,
        latencyMs: 900,
        agentName: 'support',
        prompt,
        timestamp: new Date(at),
        cacheMetadata: { cacheHit: false },
      });
    // 29 quiet days: one distinct question a day.
    for (let day = 29; day >= 1; day--) {
      record(NOW - day * DAY, `Day ${day}: a question about invoice ${day * 7919} and nothing else alike`, 0.02);
    }
    // The last hour: 60 near-identical questions.
    for (let i = 0; i < 60; i++) {
      record(NOW - HOUR + i * 60_000, `How do I reset my password for the shop account number ${i}?`, 0.01);
    }
    await t.obs.flush();
    app = createApp(t.obs, { now: () => NOW, cacheRevalidateMs: 0, onError: () => {} });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('never exceed the spend they come from and scale the sample’s savable share to the range', async () => {
    const res = await app.request('/api/cache?range=30d&project=shop', { headers: { host: 'localhost' } });
    expect(res.status).toBe(200);
    const cache = await res.json();
    const spend = 29 * 0.02 + 60 * 0.01;
    // The range is 30 days: its spend per month is its spend.
    expect(cache.kpis.monthlySpend).toBeCloseTo(spend, 9);
    expect(cache.sample.cost).toBeCloseTo(spend, 9);
    // The 60 password questions are one cluster; a cache pays for its first miss only.
    const [cluster] = cache.clusters;
    expect(cluster.size).toBe(60);
    expect(cluster.savable).toBeCloseTo(59 * 0.01, 9);
    const reference = ((59 * 0.01) / spend) * spend;
    expect(cache.kpis.potentialMonthlySavings).toBeCloseTo(reference, 9);
    expect(cache.kpis.potentialMonthlySavings).toBeLessThanOrEqual(cache.kpis.monthlySpend);
    expect(cluster.monthlySavings).toBeCloseTo(reference, 9);

    // A sample of the busy hour alone (its 50 newest calls, 49 minutes): still within the spend.
    const busy = await (
      await app.request('/api/cache?range=30d&project=shop&sample=50', { headers: { host: 'localhost' } })
    ).json();
    expect(busy.sample.cost).toBeCloseTo(50 * 0.01, 9);
    expect(busy.kpis.potentialMonthlySavings).toBeCloseTo((49 / 50) * spend, 9);
    expect(busy.kpis.potentialMonthlySavings).toBeLessThanOrEqual(busy.kpis.monthlySpend);
  });
});
