import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALPHA_COST, COST, seedKnownHistory, T_NOW, XSS_PROMPT } from '../test-support/seed-known-history.js';
import { createApp } from './create-app.js';
import { dashboardStoreOf } from './store/dashboard-store.js';

const DAY = 86_400_000;

/** GET (or another method) in-process and parse JSON, failing with the body when the status differs. */
async function call(app: Hono, path: string, init: RequestInit & { status?: number } = {}) {
  const res = await app.request(path, { ...init, headers: { host: 'localhost', ...(init.headers ?? {}) } });
  const text = await res.text();
  if (res.status !== (init.status ?? 200)) throw new Error(`${path} → ${res.status}: ${text}`);
  return text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
}

describe.each(testDatabases())('dashboard API on %s', (database) => {
  let t: TestObservatory;
  let beta: Observatory;
  let app: Hono;

  beforeAll(async () => {
    t = await createTestObservatory({ database, projectName: 'alpha' });
    beta = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'beta', flushOnExit: false, strict: true });
    await seedKnownHistory(t.obs, beta);
    app = createApp(t.obs, { now: () => T_NOW, cacheRevalidateMs: 0, onError: () => {} });
  });
  afterAll(async () => {
    await beta.close();
    await t.cleanup();
  });

  it('answers health and lists projects', async () => {
    expect(await call(app, '/api/health')).toEqual({ status: 'ok' });
    expect(await call(app, '/api/projects')).toEqual(['alpha', 'beta']);
  });

  it('gives the overview KPIs of a project, with the previous period', async () => {
    const overview = await call(app, '/api/overview?project=alpha');
    expect(overview).toMatchObject({
      totalCalls: 7,
      errorCalls: 1,
      totalTokens: 1200 + 0 + 2300 + 600 + 1500 + 320 + 900,
      judgedCalls: 5,
      cacheLookups: 2,
      cacheHits: 1,
      routedCalls: 2,
    });
    expect(overview.totalCost).toBeCloseTo(ALPHA_COST, 12);
    expect(overview.errorRate).toBeCloseTo(1 / 7, 12);
    expect(overview.avgLatencyMs).toBeCloseTo((800 + 5 + 2400 + 30_000 + 1500 + 400 + 900) / 7, 9);
    expect(overview.p95LatencyMs).toBeGreaterThan(2400);
    const lastTwoDays = await call(app, `/api/overview?project=alpha&range=2d&compare=true`);
    // From 2026-01-18 12:30: c3, c4 (day −2 afternoon), c5, c6, c7; the previous two days hold c1 and c2.
    expect(lastTwoDays.totalCalls).toBe(5);
    expect(lastTwoDays.previous.totalCalls).toBe(2);
    expect(lastTwoDays.previous.totalCost).toBeCloseTo(COST.c1 + COST.c2, 12);
  });

  it('refuses bad parameters with 400 naming the parameter and the value', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['/api/overview?from=yesterday', 'from', 'yesterday'],
      ['/api/overview?range=7x', 'range', '7x'],
      ['/api/overview?compare=maybe', 'compare', 'maybe'],
      ['/api/calls?limit=-1', 'limit', '-1'],
      ['/api/calls?limit=abc', 'limit', 'abc'],
      ['/api/calls?status=broken', 'status', 'broken'],
      ['/api/breakdown?by=color', 'by', 'color'],
      ['/api/timeseries?interval=minute', 'interval', 'minute'],
      ['/api/live?window=2h', 'window', '2h'],
      ['/api/cost/scenario?target=no-such-model-xyz', 'target', 'no-such-model-xyz'],
      ['/api/overview?from=2026-01-10&to=2026-01-01', 'from', '2026-01-10'],
    ];
    for (const [path, parameter, value] of cases) {
      const body = await call(app, path, { status: 400 });
      expect(body, path).toMatchObject({ parameter, value });
      expect(body.error, path).toContain(parameter);
    }
    expect(await call(app, '/api/nothing-here', { status: 404 })).toEqual({
      error: 'No endpoint GET /api/nothing-here',
    });
  });

  it('lists calls with a total, filters them and returns one in full', async () => {
    const page = await call(app, '/api/calls?project=alpha&limit=3');
    expect(page.total).toBe(7);
    expect(page.items).toHaveLength(3);
    expect(page.items[0].prompt).toBe(XSS_PROMPT);
    const errors = await call(app, '/api/calls?project=alpha&status=error');
    expect(errors.total).toBe(1);
    expect(errors.items.map((c: { error: string }) => c.error)).toEqual(['APITimeoutError: Request timed out.']);
    const writer = await call(app, '/api/calls?agent=Writer&range=3d');
    expect(writer.total).toBe(1);
    expect(writer.items[0].modelName).toBe('claude-sonnet-4-5');
    const one = await call(app, `/api/calls/${page.items[0].id}`);
    expect(one.responseText).toBe('<b>bold?</b>');
    await call(app, '/api/calls/does-not-exist', { status: 404 });
  });

  it('breaks totals down and draws series from the rollups', async () => {
    const { rows } = await call(app, '/api/breakdown?by=model&project=alpha');
    const gpt4o = rows.find((r: { key: string }) => r.key === 'gpt-4o');
    expect(gpt4o).toMatchObject({ provider: 'openai', totalCalls: 4 });
    expect(gpt4o.totalCost).toBeCloseTo(COST.c1 + COST.c5 + COST.c7, 12);
    const series = await call(app, '/api/timeseries?project=alpha&interval=day');
    expect(series.points.map((p: { time: number; totalCalls: number }) => [p.time, p.totalCalls])).toEqual([
      [Date.UTC(2026, 0, 17), 2],
      [Date.UTC(2026, 0, 18), 2],
      [Date.UTC(2026, 0, 19), 1],
      [Date.UTC(2026, 0, 20), 2],
    ]);
    const filters = await call(app, '/api/filters?project=alpha');
    expect(filters).toEqual({
      models: ['claude-sonnet-4-5', 'gpt-4o', 'gpt-4o-mini'],
      agents: ['Reviewer', 'Triage', 'Writer'],
      operations: ['classify', 'review', 'write'],
    });
  });

  it('serves meta, sessions, matrices and hourly series', async () => {
    const meta = await call(app, '/api/meta');
    expect(meta).toMatchObject({
      dialect: database === 'sqlite' ? 'sqlite' : 'postgresql',
      calls: 8,
      authRequired: false,
    });
    expect(meta.firstDay).toBe(Date.UTC(2026, 0, 17));
    const sessions = await call(app, '/api/sessions?project=alpha');
    expect(sessions.items.map((s: { operationType: string }) => s.operationType).sort()).toEqual([
      'code_review',
      'writing',
    ]);
    const review = sessions.items.find((s: { operationType: string }) => s.operationType === 'code_review');
    const detail = await call(app, `/api/sessions/${review.id}`);
    expect(detail.calls).toHaveLength(6);
    expect(detail.session.success).toBe(false);
    const matrix = await call(app, '/api/matrix?project=alpha&rows=agent&columns=model');
    expect(
      matrix.cells.find((c: { row: string; column: string }) => c.row === 'Reviewer' && c.column === 'gpt-4o')
        .totalCalls,
    ).toBe(4);
    await call(app, '/api/matrix?rows=agent&columns=agent', { status: 400 });
    const hourly = await call(app, '/api/timeseries?project=alpha&interval=hour&range=2d');
    expect(hourly.points.map((p: { time: number }) => p.time)).toEqual([
      Date.UTC(2026, 0, 18, 14),
      Date.UTC(2026, 0, 18, 15),
      Date.UTC(2026, 0, 19, 9),
      Date.UTC(2026, 0, 20, 11),
      Date.UTC(2026, 0, 20, 12),
    ]);
    // range=all picks daily points from the first day with calls.
    expect((await call(app, '/api/timeseries?project=alpha&range=all')).interval).toBe('day');
  });

  it('shows the live window with its newest calls', async () => {
    const live = await call(app, '/api/live?project=alpha&window=1h');
    expect(live.totals.calls).toBe(1);
    expect(live.events[0]).toMatchObject({ agentName: 'Reviewer', prompt: XSS_PROMPT.slice(0, 160), judgeScore: 8.5 });
    const day = await call(app, '/api/live?project=alpha&window=24h');
    expect(day.totals.calls).toBe(2);
  });

  it('prices scenarios and savings from the rollups', async () => {
    const cost = await call(app, '/api/cost?project=alpha&range=30d');
    expect(cost.totals.totalCost).toBeCloseTo(ALPHA_COST, 12);
    expect(cost.savings.routing).toEqual({ calls: 2, dollars: 0.004 });
    // The one cache hit is worth the average miss of Reviewer on gpt-4o: (c1 + c5 + c7) / 3.
    expect(cost.savings.responseCache.dollars).toBeCloseTo((COST.c1 + COST.c5 + COST.c7) / 3, 12);
    expect(cost.savings.responseCache.pricedBy).toEqual({ agentModel: 1, agent: 0, model: 0, all: 0, unpriced: 0 });
    // Sonnet's 500 cached tokens at $3 instead of $0.30.
    expect(cost.savings.promptCache.dollars).toBeCloseTo((500 * (3 - 0.3)) / 1e6, 12);
    expect(cost.forecast.history.length).toBeGreaterThanOrEqual(3);

    const scenario = await call(app, '/api/cost/scenario?project=alpha&agent=Reviewer&model=gpt-4o&target=gpt-4o-mini');
    expect(scenario.calls).toBe(4);
    expect(scenario.currentCost).toBeCloseTo(COST.c1 + COST.c5 + COST.c7, 12);
    // Average Reviewer/gpt-4o call: (1000+0+1200+800)/4 input, (200+0+300+100)/4 output, on gpt-4o-mini, × 4 calls.
    expect(scenario.projectedCost).toBeCloseTo((((3000 / 4) * 0.15 + (600 / 4) * 0.6) * 4) / 1e6, 12);
    expect(scenario.quality.current.n).toBe(3);
  });

  it('reports routing decisions', async () => {
    const router = await call(app, '/api/router?project=alpha');
    expect(router.kpis).toMatchObject({ routedCalls: 2, totalCalls: 7, savings: 0.004 });
    expect(router.distribution.map((d: { model: string }) => d.model).sort()).toEqual([
      'claude-sonnet-4-5',
      'gpt-4o-mini',
    ]);
    expect(router.examples).toHaveLength(2);
    expect(router.considered.find((c: { model: string }) => c.model === 'gpt-4o-mini')).toMatchObject({
      considered: 2,
      chosen: 1,
    });
    expect(await call(app, '/api/router?project=beta')).toEqual({ empty: true, totalCalls: 1 });
  });

  it('clusters near-duplicate prompts and scores their cacheability', async () => {
    const cache = await call(app, '/api/cache?project=alpha');
    expect(cache.kpis).toMatchObject({ lookups: 2, hits: 1 });
    expect(cache.kpis.hitRate.rate).toBe(0.5);
    const [cluster] = cache.clusters;
    expect(cluster).toMatchObject({ size: 2, lookups: 2, hits: 1 });
    expect(cluster.similarity).toBeGreaterThanOrEqual(0.7);
    expect(cluster.representative).toContain('reset my password');
    expect(await call(app, '/api/cache?project=beta')).toEqual({ empty: true, totalCalls: 1 });
  });

  it('summarises judge verdicts with intervals and compares models', async () => {
    const judge = await call(app, '/api/judge?project=alpha');
    expect(judge.kpis.score.n).toBe(5);
    expect(judge.kpis.score.mean).toBeCloseTo((8 + 9 + 6 + 7 + 8.5) / 5, 12);
    expect(judge.kpis.score.low).toBeLessThan(judge.kpis.score.mean);
    expect(judge.kpis.hallucinations.count).toBe(1);
    expect(judge.errorCategories).toEqual([{ category: 'hallucination', count: 1, share: 0.2, avgScore: 6 }]);
    expect(judge.best[0].evaluation.judgeScore).toBe(9);
    expect(judge.worst[0].evaluation.judgeScore).toBe(6);
    const compare = await call(app, '/api/judge/compare?project=alpha&by=model&a=gpt-4o&b=gpt-4o-mini');
    expect(compare.a.score.n).toBe(3);
    expect(compare.b.score.n).toBe(1);
    expect(compare.test).toBeNull();
    expect(await call(app, '/api/judge?project=beta')).toEqual({ empty: true, totalCalls: 1 });
  });

  it('compares prompt variants and estimates an edited prompt', async () => {
    const prompts = await call(app, '/api/prompts?project=alpha');
    const [support] = prompts.prompts;
    expect(support.promptId).toBe('support');
    const byName = Object.fromEntries(support.variants.map((v: { variant: string }) => [v.variant, v]));
    expect(byName.A).toMatchObject({ calls: 3, judged: 3 });
    expect(byName.B).toMatchObject({ calls: 2, judged: 2 });
    expect(byName.A.prompt).toBe(XSS_PROMPT);
    // A's scores {8, 6, 8.5} against B's {9, 7}: wins 8>7, 8.5>7 → 2 of 6 pairs.
    const aOverB = support.pairs.find((p: { row: string }) => p.row === 'A');
    expect(aOverB).toMatchObject({ column: 'B', wins: 2, losses: 4, ties: 0, pairs: 6 });

    const estimate = await call(app, '/api/prompts/estimate?project=alpha', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'hello world hello world',
        original: 'hello world',
        promptId: 'support',
        variant: 'A',
      }),
    });
    const gpt4o = estimate.perModel.find((m: { model: string }) => m.model === 'gpt-4o');
    expect(gpt4o).toMatchObject({
      editedTokens: 4,
      originalTokens: 2,
      tokenDelta: 2,
      calls: 3,
      encoding: 'o200k_base',
    });
    expect(gpt4o.projectedCostPerCall - gpt4o.currentCostPerCall).toBeCloseTo((2 * 2.5) / 1e6, 12);
    const bad = await call(app, '/api/prompts/estimate', { method: 'POST', body: '{"text": 5}', status: 400 });
    expect(bad.parameter).toBe('text');
  });

  it('turns the thresholds and webhook of earlier versions into rules and a channel, and alerts through them', async () => {
    const received: Array<{ text: string }> = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const bad = await call(app, '/api/settings', {
        method: 'PUT',
        body: JSON.stringify({ alerts: { checkIntervalSeconds: 1 } }),
        status: 400,
      });
      expect(bad).toMatchObject({ parameter: 'alerts.checkIntervalSeconds', value: 1 });
      // Settings as an earlier version stored them. Today (2026-01-20) alpha spent c6 + c7.
      const knex = (await t.obs.storage.store()).em.getKnex();
      await dashboardStoreOf(t.obs.storage).getSettings();
      await knex('dashboard_settings').delete();
      await dashboardStoreOf(t.obs.storage).saveSettings({
        alerts: {
          enabled: true,
          project: 'alpha',
          dailyCostUsd: 0.001,
          errorRatePct: null,
          windowMinutes: 60,
          minCalls: 20,
          webhookUrl: `http://127.0.0.1:${port}/hook`,
          checkIntervalSeconds: 60,
        },
      });
      await knex('dashboard_alert_rules').delete();
      await knex('dashboard_alert_channels').delete();
      const fresh = createApp(t.obs, { now: () => T_NOW, cacheRevalidateMs: 0 });
      const alerts = await call(fresh, '/api/alerts/evaluate', { method: 'POST' });
      const rules = (await call(fresh, '/api/alerts/rules')).items;
      expect(rules.map((r: { name: string; kind: string }) => [r.name, r.kind])).toEqual([
        ['Anomalies by model', 'anomaly'],
        ['Anomalies by agent', 'anomaly'],
        ['Error rate', 'threshold'],
        ['Daily cost', 'budget'],
      ]);
      const daily = rules.find((r: { kind: string }) => r.kind === 'budget');
      expect(daily).toMatchObject({ project: 'alpha', period: 'day', amountUsd: 0.001, warnAtPct: [100] });
      expect(alerts.rules.find((r: { ruleId: string }) => r.ruleId === daily.id).state).toBe('firing');
      expect(alerts.events[0]).toMatchObject({ ruleId: daily.id, status: 'firing', level: 100 });
      expect(alerts.events[0].value).toBeCloseTo(COST.c6 + COST.c7, 12);
      expect(alerts.events[0].deliveries).toEqual([expect.objectContaining({ status: '200', ok: true })]);
      expect(received).toHaveLength(1);
      expect(received[0].text).toContain('alpha has spent');
      // Raising the budget resolves it, and the channel hears that too.
      const { id: _id, createdAt: _c, updatedAt: _u, ...input } = daily;
      await call(fresh, `/api/alerts/rules/${daily.id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...input, amountUsd: 100 }),
      });
      const resolved = await call(fresh, '/api/alerts');
      expect(resolved.events[0]).toMatchObject({ ruleId: daily.id, status: 'resolved' });
      expect(received).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it('exports calls as CSV and NDJSON', async () => {
    const raw = (path: string) => app.request(path, { headers: { host: 'localhost' } }).then((res) => res.text());
    const ndjson = await raw('/api/export?format=json&project=beta');
    const lines = ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ projectName: 'beta', modelName: 'gpt-4o', agentName: 'Helper' });
    const csv = await raw('/api/export?format=csv&project=alpha');
    expect(csv.split('\r\n')[0]).toMatch(/^id,sessionId,projectName,timestamp/);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 7); // rows end in CRLF; texts hold only LF
  });
});

describe('dashboard access control', () => {
  let t: TestObservatory;
  beforeAll(async () => {
    t = await createTestObservatory({});
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('requires the token by header or by the cookie ?token= sets; health stays open', async () => {
    const app = createApp(t.obs, { token: 's3cret', cacheRevalidateMs: 0 });
    const request = (path: string, headers: Record<string, string> = {}) =>
      app.request(path, { headers: { host: 'dash.example.com', ...headers } });
    expect((await request('/api/health')).status).toBe(200);
    expect((await request('/api/projects')).status).toBe(401);
    expect((await request('/api/projects', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request('/api/projects', { authorization: 'Bearer s3cret' })).status).toBe(200);
    expect((await request('/?token=wrong')).status).toBe(401);
    const visit = await request('/live?token=s3cret&project=a');
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe('/live?project=a');
    const cookie = (visit.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^observatory_session=/);
    expect(cookie).not.toContain('s3cret');
    expect((await request('/api/projects', { cookie })).status).toBe(200);
  });

  it('without a token, answers only requests addressed to localhost', async () => {
    const app = createApp(t.obs, { cacheRevalidateMs: 0 });
    expect((await app.request('/api/health', { headers: { host: '127.0.0.1:4318' } })).status).toBe(200);
    expect((await app.request('/api/health', { headers: { host: 'localhost:4318' } })).status).toBe(200);
    expect((await app.request('/api/health', { headers: { host: 'evil.example.com' } })).status).toBe(403);
  });

  it('answers an empty store without errors', async () => {
    const app = createApp(t.obs, { cacheRevalidateMs: 0 });
    const get = (path: string) => call(app, path);
    expect(await get('/api/overview')).toMatchObject({ totalCalls: 0, totalCost: 0, p95LatencyMs: null });
    expect(await get('/api/calls')).toMatchObject({ items: [], total: 0 });
    for (const path of ['/api/router', '/api/cache', '/api/judge', '/api/prompts']) {
      expect((await get(path)).empty, path).toBe(true);
    }
    expect((await get('/api/cost')).forecast).toBeNull();
    expect((await get('/api/live?window=5m')).events).toEqual([]);
  });
});

describe('dashboard pruning', () => {
  it('deletes sessions older than the cutoff and their calls', async () => {
    const t = await createTestObservatory({});
    try {
      const old = t.obs.startSession('old');
      t.obs.recordCall({
        sessionId: old.id,
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 10,
        completionTokens: 1,
        timestamp: new Date(T_NOW - 100 * DAY),
      });
      await t.obs.endSession(old, { success: true });
      const fresh = t.obs.startSession('fresh');
      t.obs.recordCall({
        sessionId: fresh.id,
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 10,
        completionTokens: 1,
        timestamp: new Date(T_NOW - DAY),
      });
      await t.obs.endSession(fresh, { success: true });
      await t.obs.flush();
      await t.obs.storage.alignSessionTimes();
      const app = createApp(t.obs, { now: () => T_NOW, cacheRevalidateMs: 0 });
      const result = await call(app, '/api/retention/prune', {
        method: 'POST',
        body: JSON.stringify({ olderThanDays: 90 }),
      });
      expect(result).toMatchObject({ sessions: 1, calls: 1 });
      expect((await call(app, '/api/overview')).totalCalls).toBe(1);
      const bad = await call(app, '/api/retention/prune', {
        method: 'POST',
        body: JSON.stringify({ olderThanDays: 'soon' }),
        status: 400,
      });
      expect(bad).toMatchObject({ parameter: 'olderThanDays', value: 'soon' });
    } finally {
      await t.cleanup();
    }
  });
});
