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

/**
 * A response cache serves a prompt it has seen before, not another fill of the same template:
 * a template's clusters stay listed, but what they could save comes from repeats only.
 */
describe('the Cache Analyzer’s templates and repeats', () => {
  let t: TestObservatory;
  let app: Hono;
  // A system prompt of about 650 characters: the route reads a prompt's first 1,000 (PROMPT_CHARS;
  // cluster-prompts.test.ts covers one longer than that, read as head and tail).
  const SYSTEM = Array.from(
    { length: 8 },
    (_, i) => `Rule ${i + 1}: answer in the customer's language, quote the policy, never promise dates.`,
  ).join('\n');
  const FILLS = Array.from({ length: 30 }, (_, i) =>
    Array.from({ length: 12 + (i % 7) }, (_, w) => `word${(i * 31 + w * 7) % 211}`).join(' '),
  );

  beforeAll(async () => {
    t = await createTestObservatory({ projectName: 'templates' });
    let minute = 0;
    const record = (prompt: string, agentName: string) =>
      t.obs.recordCall({
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: Math.round(prompt.length / 4),
        completionTokens: 40,
        totalCost: 0.01,
        latencyMs: 700,
        agentName,
        prompt,
        timestamp: new Date(NOW - DAY + minute++ * 60_000),
      });
    // One template, 30 different fills.
    for (const fill of FILLS)
      record(`Summarize this support ticket in two sentences for the on-call engineer: ${fill}`, 'summarizer');
    // One prompt, sent 30 times.
    for (let i = 0; i < 30; i++) record('Which plan includes single sign-on and audit logs?', 'faq');
    // Two templates opening with the same long system prompt.
    for (const fill of FILLS.slice(0, 15)) {
      record(
        `${SYSTEM}\nTask: write the reply to the customer below in at most 120 words.\nCustomer: ${fill}`,
        'support',
      );
      record(
        `${SYSTEM}\nTask: decide whether the refund request below is eligible; answer yes or no, then cite the rule.\nRequest: ${fill}`,
        'refunds',
      );
    }
    await t.obs.flush();
    app = createApp(t.obs, { now: () => NOW, cacheRevalidateMs: 0, onError: () => {} });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('lists a template as one cluster with nothing to save, and a repeated prompt with 29 calls to save', async () => {
    const cache = await (
      await app.request('/api/cache?range=7d&project=templates', { headers: { host: 'localhost' } })
    ).json();
    const byAgent = (agent: string) =>
      cache.clusters.filter((c: { agents: { name: string }[] }) => c.agents[0].name === agent);
    const [template] = byAgent('summarizer');
    expect(byAgent('summarizer')).toHaveLength(1);
    expect(template).toMatchObject({ size: 30, uniquePrompts: 30, repeats: 0, cacheability: 0, savable: 0 });
    const [faq] = byAgent('faq');
    expect(faq).toMatchObject({ size: 30, uniquePrompts: 1, repeats: 29, cacheability: 97 });
    expect(faq.savable).toBeCloseTo(29 * 0.01, 9);
    // Only the 29 repeats are what a response cache could have served.
    expect(cache.kpis.cacheableShare).toBeCloseTo(29 / 90, 9);
    expect(cache.sample.repeatCalls).toBe(29);
  });

  it('tells apart two templates that share a long system prompt', async () => {
    const cache = await (
      await app.request('/api/cache?range=7d&project=templates', { headers: { host: 'localhost' } })
    ).json();
    const shared = cache.clusters.filter((c: { agents: { name: string }[] }) =>
      ['support', 'refunds'].includes(c.agents[0].name),
    );
    expect(
      shared.map((c: { agents: { name: string }[]; size: number }) => [c.agents.map((a) => a.name), c.size]),
    ).toEqual(
      expect.arrayContaining([
        [['support'], 15],
        [['refunds'], 15],
      ]),
    );
    expect(shared).toHaveLength(2);
    // The shared start is not what is shown: each shows where it departs from the other.
    expect(SYSTEM.length).toBeGreaterThan(600);
    for (const cluster of shared) expect(cluster.representative).toMatch(/^…/);
  });
});
