import { Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALPHA_COST, seedKnownHistory, T_NOW } from '../../test-support/seed-known-history.js';
import { createApp } from '../create-app.js';

async function get(app: Hono, path: string, status = 200) {
  const res = await app.request(path, { headers: { host: 'localhost' } });
  const text = await res.text();
  if (res.status !== status) throw new Error(`${path} → ${res.status}: ${text}`);
  return text.startsWith('{') ? JSON.parse(text) : text;
}

describe.each(testDatabases())('sessions and calls API on %s', (database) => {
  let t: TestObservatory;
  let beta: Observatory;
  let app: Hono;
  let reviewId: string;

  beforeAll(async () => {
    t = await createTestObservatory({ database, projectName: 'alpha' });
    beta = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'beta', flushOnExit: false, strict: true });
    await seedKnownHistory(t.obs, beta);
    app = createApp(t.obs, { now: () => T_NOW, cacheRevalidateMs: 0, onError: () => {} });
    const failed = await get(app, '/api/sessions?project=alpha&status=failed');
    reviewId = failed.items[0].id;
  });
  afterAll(async () => {
    await beta.close();
    await t.cleanup();
  });

  it('lists sessions with their agents, models and token parts, filtered and sorted', async () => {
    const all = await get(app, '/api/sessions?project=alpha&sort=cost');
    expect(all.items.map((s: { operationType: string }) => s.operationType)).toHaveLength(2);
    const [review] = (await get(app, '/api/sessions?project=alpha&status=failed')).items;
    expect(review).toMatchObject({ operationType: 'code_review', success: false, totalLlmCalls: 6 });
    expect(review.calls.agents).toEqual(['Reviewer', 'Triage']);
    expect(review.calls.errorCalls).toBe(1);
    expect((await get(app, '/api/sessions?project=alpha&agent=Writer')).items).toHaveLength(1);
    expect(
      (await get(app, '/api/sessions?project=alpha&q=payment%20retry')).items.map((s: { id: string }) => s.id),
    ).toEqual([reviewId]);
    expect((await get(app, '/api/sessions?project=alpha&status=open')).items).toHaveLength(0);
    const firstPage = await get(app, '/api/sessions?limit=1&sort=calls');
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const next = await get(app, `/api/sessions?limit=5&sort=calls&cursor=${firstPage.nextCursor}`);
    expect(next.items.map((s: { id: string }) => s.id)).not.toContain(firstPage.items[0].id);
  });

  it('opens a session: totals over all calls however small the page, steps, graph and context', async () => {
    const detail = await get(app, `/api/sessions/${reviewId}?limit=2`);
    expect(detail.calls).toHaveLength(2);
    // The timeline's columns hold every call, in time order, whatever the page.
    const { timeline } = detail;
    expect(timeline.ids).toHaveLength(6);
    expect(timeline.ids.slice(0, 2)).toEqual(detail.calls.map((call: { id: string }) => call.id));
    expect(timeline.startMs[0]).toBe(0);
    expect(timeline.startMs).toEqual([...timeline.startMs].sort((a: number, b: number) => a - b));
    expect(timeline.failed).toHaveLength(1);
    expect(timeline.agents.sort()).toEqual(['Reviewer', 'Triage']);
    expect(timeline.cost.reduce((sum: number, cost: number) => sum + cost, 0)).toBeCloseTo(detail.totals.totalCost, 12);
    expect(detail.totals.calls).toBe(6);
    expect(detail.totals.errorCalls).toBe(1);
    expect(detail.nextCursor).toEqual(expect.any(String));
    const writeCost = (await get(app, '/api/sessions?project=alpha&status=success')).items[0].totalCost;
    expect(detail.totals.totalCost).toBeCloseTo(ALPHA_COST - writeCost, 12);
    expect(detail.graph.nodes.map((n: { agentName: string }) => n.agentName).sort()).toEqual(['Reviewer', 'Triage']);
    // The second call repeats the first one's question up to its last character.
    expect(detail.context[1].repeatedChars).toBe(
      'How do I reset my password? The reset link in my email has expired'.length,
    );
    const rest = await get(app, `/api/sessions/${reviewId}?limit=10&cursor=${detail.nextCursor}`);
    expect(rest.calls).toHaveLength(4);
    expect(rest.nextCursor).toBeNull();
    expect(rest.totals).toEqual(detail.totals);
    await get(app, '/api/sessions/nope', 404);
  });

  it('finds calls by words, metadata, cost and latency, and exports exactly that set', async () => {
    const words = await get(app, '/api/calls?project=alpha&q=password%20reset');
    expect(words.items).toHaveLength(2);
    expect(words.total).toBe(2);
    expect(words.totalIsLowerBound).toBe(false);
    const variantB = await get(app, '/api/calls?project=alpha&meta=promptVariant%3DB');
    expect(variantB.items.map((c: { agentName: string }) => c.agentName).sort()).toEqual(['Triage', 'Writer']);
    const slow = await get(app, '/api/calls?project=alpha&minLatency=2000');
    expect(slow.items.map((c: { latencyMs: number }) => c.latencyMs).sort()).toEqual([2400, 30_000]);
    const csv: string = await get(app, '/api/export?project=alpha&format=csv&meta=promptVariant%3DB');
    expect(csv.trim().split('\n')).toHaveLength(3);
  });

  it('refuses a bad filter naming the parameter', async () => {
    for (const [query, parameter] of [
      ['q=%20%3F%21', 'q'],
      ['meta=novalue', 'meta'],
      ['minCost=cheap', 'minCost'],
      ['cursor=garbage', 'cursor'],
    ]) {
      const body = await get(app, `/api/calls?${query}`, 400);
      expect(body.error).toContain(parameter);
    }
    const sessions = await get(app, '/api/sessions?status=done', 400);
    expect(sessions.error).toContain('status');
    const sort = await get(app, '/api/sessions?sort=name', 400);
    expect(sort.error).toContain('sort');
  });

  it('breaks cost down by a metadata key, from the calls until the key is named, then from its rollups', async () => {
    const send = async (method: string, path: string) => {
      const res = await app.request(path, { method, headers: { host: 'localhost' } });
      expect(res.status, path).toBe(200);
      return res.json();
    };
    const fromCalls = await get(app, '/api/breakdown?project=alpha&range=30d&by=metadata.promptVariant');
    expect(fromCalls).toMatchObject({ by: 'metadata.promptVariant', source: 'calls', scannedFrom: null });
    const byVariant = (rows: Array<{ key: string; totalCalls: number; totalCost: number }>) =>
      Object.fromEntries(rows.map((r) => [r.key, [r.totalCalls, Number(r.totalCost.toFixed(9))]]));
    expect(Object.keys(byVariant(fromCalls.rows)).sort()).toEqual(['', 'A', 'B']);
    expect(fromCalls.rows.reduce((sum: number, r: { totalCost: number }) => sum + r.totalCost, 0)).toBeCloseTo(
      ALPHA_COST,
      12,
    );

    const keys = await get(app, '/api/metadata-keys');
    expect(keys.named).toEqual([]);
    expect(keys.seen.map((k: { key: string }) => k.key)).toEqual(expect.arrayContaining(['promptId', 'promptVariant']));
    expect(await send('PUT', '/api/metadata-keys/promptVariant')).toMatchObject({ named: true, addedCalls: 5 });
    const fromRollups = await get(app, '/api/breakdown?project=alpha&range=30d&by=metadata.promptVariant');
    expect(fromRollups.source).toBe('rollups');
    expect(byVariant(fromRollups.rows)).toEqual(byVariant(fromCalls.rows));
    expect((await get(app, '/api/metadata-keys')).named).toEqual(['promptVariant']);

    const refused = await get(app, '/api/breakdown?by=metadata.a%20b', 400);
    expect(refused).toMatchObject({ parameter: 'by', value: 'metadata.a b' });
    expect(await send('DELETE', '/api/metadata-keys/promptVariant')).toMatchObject({ wasNamed: true });
    expect((await get(app, '/api/breakdown?project=alpha&range=30d&by=metadata.promptVariant')).source).toBe('calls');
  });
});
