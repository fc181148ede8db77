import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpReceiver, unreachableUrl } from '../../test-support/notify-test-kit.js';
import { createApp } from '../create-app.js';
import { verifyWebhookSignature } from '../notify/webhook-signature.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 2026-03-04, 15:00 UTC. */
const T0 = Date.UTC(2026, 2, 4, 15);
const SECRET = 'a-long-shared-secret-for-hmac';

/** A real HTTP receiver on a free loopback port: every request's path, headers and body. */
async function startReceiver() {
  const requests: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Whether a request carries a valid signature of its exact body under the test secret. */
function isSigned(request: { headers: IncomingHttpHeaders; body: string }): boolean {
  return verifyWebhookSignature({
    secret: SECRET,
    timestamp: String(request.headers['observatory-timestamp']),
    signature: String(request.headers['observatory-signature']),
    body: request.body,
  });
}

async function call(app: Hono, path: string, init: RequestInit & { status?: number } = {}) {
  const res = await app.request(path, {
    ...init,
    headers: { host: 'localhost', 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await res.text();
  if (res.status !== (init.status ?? 200)) throw new Error(`${path} → ${res.status}: ${text}`);
  return JSON.parse(text);
}

describe.each(testDatabases())('alert rules on %s', (database) => {
  let t: TestObservatory;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let now = T0;
  let app: Hono;

  beforeEach(async () => {
    now = T0;
    t = await createTestObservatory({ database, projectName: 'shop' });
    receiver = await startReceiver();
    app = createApp(t.obs, { now: () => now, cacheRevalidateMs: 0, onError: () => {} });
    // Start from no rules: the ones a new store is seeded with are tested elsewhere.
    for (const rule of (await call(app, '/api/alerts/rules')).items) {
      await call(app, `/api/alerts/rules/${rule.id}`, { method: 'DELETE' });
    }
  });
  afterEach(async () => {
    await receiver.close();
    await t.cleanup();
  });

  const spend = async (tenant: string, dollars: number, at: number, extra: Record<string, unknown> = {}) => {
    t.obs.recordCall({
      provider: 'openai',
      modelName: 'gpt-4o',
      promptTokens: 100,
      completionTokens: 10,
      totalCost: dollars,
      latencyMs: 500,
      timestamp: new Date(at),
      metadata: { tenantId: tenant },
      ...extra,
    });
    await t.obs.flush();
  };
  const addChannel = (body: object) =>
    call(app, '/api/alerts/channels', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.channel);
  const addRule = (body: object) =>
    call(app, '/api/alerts/rules', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.rule);
  const evaluate = () => call(app, '/api/alerts/evaluate', { method: 'POST' });

  it('warns per tenant at each share of a daily budget, once per share, and resolves on the next day', async () => {
    const channel = await addChannel({ type: 'webhook', name: 'Ops', url: `${receiver.url}/hook`, secret: SECRET });
    const rule = await addRule({
      name: 'Tenant daily budget',
      kind: 'budget',
      period: 'day',
      amountUsd: 1,
      groupBy: 'metadata.tenantId',
      warnAtPct: [50, 100],
      channelIds: [channel.id],
    });
    expect(rule).toMatchObject({ enabled: true, project: null, repeatMinutes: null, warnAtPct: [50, 100] });

    await spend('acme', 0.6, T0 - 2 * HOUR);
    await spend('globex', 0.2, T0 - HOUR);
    let status = await evaluate();
    expect(status.rules).toEqual([expect.objectContaining({ ruleId: rule.id, state: 'firing', firing: 1 })]);
    expect(status.firing).toEqual([
      expect.objectContaining({
        offender: { dimension: 'metadata.tenantId', value: 'acme' },
        level: 50,
        link: '/sessions?meta.tenantId=acme',
      }),
    ]);
    expect(status.firing[0].value).toBeCloseTo(0.6, 12);
    expect(receiver.requests).toHaveLength(1);
    const first = receiver.requests[0];
    // The signature is over the timestamp and the exact body, under the channel's secret.
    expect(isSigned(first)).toBe(true);
    expect(JSON.parse(first.body)).toMatchObject({
      kind: 'firing',
      ruleName: 'Tenant daily budget',
      offender: { dimension: 'metadata.tenantId', value: 'acme' },
      message: expect.stringContaining('60% of the $1.00 budget'),
    });

    // Nothing new: no second notification.
    now = T0 + 10 * 60_000;
    await evaluate();
    expect(receiver.requests).toHaveLength(1);

    // Past 100%: the same event escalates and notifies again.
    await spend('acme', 0.5, T0 + 5 * 60_000);
    status = await evaluate();
    expect(status.firing).toEqual([expect.objectContaining({ id: status.firing[0].id, level: 100 })]);
    expect(receiver.requests).toHaveLength(2);
    expect(JSON.parse(receiver.requests[1].body).message).toContain('110% of the $1.00 budget');

    // The budget's day is over: resolved, and said so.
    now = T0 + DAY;
    status = await evaluate();
    expect(status.firing).toEqual([]);
    const events = (await call(app, '/api/alerts')).events;
    expect(events).toEqual([expect.objectContaining({ status: 'resolved', level: 100 })]);
    expect(JSON.parse(receiver.requests[2].body)).toMatchObject({ kind: 'resolved' });
    expect(receiver.requests).toHaveLength(3);
  });

  it('shows each budget with its spend, run-rate and the time it runs out', async () => {
    // A week at $1 a day, then $0.25 so far today (15:00): $5 a month runs out in a few days.
    for (let day = 7; day >= 1; day--) await spend('acme', 1, T0 - day * DAY);
    await spend('acme', 0.25, T0 - HOUR);
    const rule = await addRule({ name: 'Monthly', kind: 'budget', period: 'month', amountUsd: 10 });
    const { items } = await call(app, '/api/alerts/budgets?project=shop');
    expect(items).toHaveLength(1);
    const [group] = items[0].groups;
    expect(items[0].rule.id).toBe(rule.id);
    expect(items[0].periodStart).toBe(Date.UTC(2026, 2, 1));
    // March 1 to now: the days of March 1–3 ($1 each) and today's $0.25.
    expect(group.spentUsd).toBeCloseTo(3.25, 12);
    expect(group.runRatePerDay).toBeCloseTo(1, 12);
    expect(group.runsOutAt).toBe(T0 + 6.75 * DAY);
    expect(group.share).toBeCloseTo(0.325, 12);
    // Another project's page does not show it only if it is scoped to another project.
    await addRule({ name: 'Elsewhere', kind: 'budget', period: 'day', amountUsd: 1, project: 'other' });
    expect((await call(app, '/api/alerts/budgets?project=shop')).items).toHaveLength(1);
  });

  it('names the model whose error rate is over a threshold, and the sessions costing more than a limit', async () => {
    const channel = await addChannel({ type: 'slack', name: 'Slack', webhookUrl: `${receiver.url}/slack` });
    await addRule({
      name: 'Errors per model',
      kind: 'threshold',
      metric: 'errorRatePct',
      above: 10,
      windowMinutes: 60,
      minCalls: 5,
      groupBy: 'model',
      channelIds: [channel.id],
    });
    await addRule({ name: 'Costly sessions', kind: 'threshold', metric: 'sessionCostUsd', above: 2 });
    for (let i = 0; i < 6; i++) {
      t.obs.recordCall({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        promptTokens: 10,
        completionTokens: 1,
        latencyMs: 100,
        timestamp: new Date(T0 - 10 * 60_000 + i * 1000),
        error: i < 2 ? '529 overloaded_error' : undefined,
      });
    }
    const session = t.obs.startSession('refund');
    await spend('acme', 2.5, T0 - 5 * 60_000, { sessionId: session.id });
    await spend('acme', 0.1, T0 - 5 * 60_000);
    const status = await evaluate();
    const offenders = status.firing.map((e: { offender: unknown }) => e.offender);
    expect(offenders).toEqual(
      expect.arrayContaining([
        { dimension: 'model', value: 'claude-sonnet-4-5' },
        { dimension: 'session', value: session.id },
      ]),
    );
    expect(offenders).toHaveLength(2);
    // One event for the channel: the single message, with its facts, as before grouping.
    expect(receiver.requests).toHaveLength(1);
    const slack = JSON.parse(receiver.requests[0].body);
    expect(slack.text).toMatch(
      /^\[Observatory\] FIRING: Errors per model \(claude-sonnet-4-5\): model claude-sonnet-4-5: error rate 33\.3%/,
    );
    expect(slack.blocks[0].text.text).toContain('*Offender:* model = claude-sonnet-4-5');
  });

  it("sends an evaluation's alerts to Slack and email as one message each, and to a webhook one signed request per event", async () => {
    const smtp = await startSmtpReceiver();
    try {
      const channels = [
        await addChannel({ type: 'slack', name: 'Slack', webhookUrl: `${receiver.url}/slack` }),
        await addChannel({ type: 'webhook', name: 'Ops', url: `${receiver.url}/hook`, secret: SECRET }),
        await addChannel({
          type: 'email',
          name: 'On-call',
          smtpUrl: smtp.url,
          from: 'alerts@shop.example.com',
          to: ['oncall@shop.example.com'],
        }),
        // Nothing listens there: its one failed post is every event's outcome, and the events are still saved.
        await addChannel({ type: 'slack', name: 'Old Slack', webhookUrl: await unreachableUrl() }),
      ];
      const channelIds = channels.map((c) => c.id);
      const perModel = { kind: 'threshold', windowMinutes: 60, minCalls: 5, groupBy: 'model', channelIds };
      await addRule({ ...perModel, name: 'Errors per model', metric: 'errorRatePct', above: 10 });
      await addRule({ ...perModel, name: 'Slow models', metric: 'p95LatencyMs', above: 5000 });
      // Three models failing a third of their calls, one of them slow too; one model healthy.
      const models = { 'gpt-4o': 2, 'claude-sonnet-4-5': 2, 'gemini-2.5-pro': 2, 'gpt-4o-mini': 0 };
      for (const [modelName, errors] of Object.entries(models)) {
        for (let i = 0; i < 6; i++) {
          t.obs.recordCall({
            provider: 'openai',
            modelName,
            promptTokens: 10,
            completionTokens: 1,
            latencyMs: modelName === 'claude-sonnet-4-5' ? 9000 : 400,
            timestamp: new Date(T0 - 10 * 60_000 + i * 1000),
            error: i < errors ? '529 overloaded_error' : undefined,
          });
        }
      }
      await t.obs.flush();
      const offenders = ['gpt-4o', 'claude-sonnet-4-5', 'gemini-2.5-pro'];
      const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);

      const { firing } = await evaluate();
      expect(firing.map((e: { offender: { value: string } }) => e.offender.value).sort()).toEqual(
        [...offenders, 'claude-sonnet-4-5'].sort(),
      );
      const [slack] = requestsTo('/slack');
      expect(requestsTo('/slack')).toHaveLength(1);
      expect(JSON.parse(slack.body).text).toBe('[Observatory] 4 alerts firing');
      expect(smtp.received).toHaveLength(1);
      const [{ mail }] = smtp.received;
      expect(mail.subject).toBe('[Observatory] 4 alerts firing');
      for (const model of offenders) {
        expect(slack.body).toContain(`Errors per model (${model})`);
        expect(mail.text).toContain(
          `- FIRING: Errors per model (${model}): model ${model}: error rate 33.3% (2 of 6 calls)`,
        );
      }
      expect(slack.body).toContain('Slow models (claude-sonnet-4-5)');
      expect(mail.text).toContain('Slow models (claude-sonnet-4-5)');
      expect(mail.text).not.toContain('gpt-4o-mini');
      // The webhook keeps one signed request per event, the payload each event always had.
      const hooks = requestsTo('/hook');
      expect(hooks.map((r) => r.headers['observatory-event-id']).sort()).toEqual(
        firing.map((e: { id: string }) => e.id).sort(),
      );
      expect(hooks.every(isSigned)).toBe(true);
      expect(hooks.map((r) => JSON.parse(r.body).kind)).toEqual(['firing', 'firing', 'firing', 'firing']);
      // Each event records the outcome of the message it went out in, for every channel of its rule.
      const delivered = [
        { channelId: channels[0].id, status: '200', ok: true },
        { channelId: channels[1].id, status: '200', ok: true },
        { channelId: channels[2].id, status: 'sent', ok: true },
        { channelId: channels[3].id, status: expect.stringMatching(/^failed: connect ECONNREFUSED/), ok: false },
      ].map((d) => expect.objectContaining(d));
      const { events } = await call(app, '/api/alerts');
      expect(events).toHaveLength(4);
      for (const event of events) {
        expect(event.deliveries).toEqual(delivered);
        expect(event.lastNotifiedAt).toBe(new Date(T0).toISOString());
      }

      // Hours later the errors are out of the window: all four resolve, again one message per channel.
      now = T0 + 3 * HOUR;
      await evaluate();
      expect(requestsTo('/slack')).toHaveLength(2);
      expect(JSON.parse(requestsTo('/slack')[1].body).text).toBe('[Observatory] 4 alerts resolved');
      expect(smtp.received.map((m) => m.mail.subject)).toEqual([
        '[Observatory] 4 alerts firing',
        '[Observatory] 4 alerts resolved',
      ]);
      expect(requestsTo('/hook').map((r) => JSON.parse(r.body).kind)).toEqual([
        ...['firing', 'firing', 'firing', 'firing'],
        ...['resolved', 'resolved', 'resolved', 'resolved'],
      ]);
    } finally {
      await smtp.close();
    }
  });

  it('mails the p95 latency of an agent over its threshold, and again every repeat interval while it lasts', async () => {
    const smtp = await startSmtpReceiver();
    try {
      const channel = await addChannel({
        type: 'email',
        name: 'On-call',
        smtpUrl: smtp.url,
        from: 'alerts@shop.example.com',
        to: ['oncall@shop.example.com'],
      });
      await addRule({
        name: 'Slow agents',
        kind: 'threshold',
        metric: 'p95LatencyMs',
        above: 5000,
        minCalls: 3,
        groupBy: 'agent',
        repeatMinutes: 30,
        channelIds: [channel.id],
      });
      for (let i = 0; i < 4; i++) {
        for (const [agentName, latencyMs] of [
          ['Planner', 9000],
          ['Writer', 800],
        ] as const) {
          t.obs.recordCall({
            provider: 'openai',
            modelName: 'gpt-4o',
            promptTokens: 10,
            completionTokens: 1,
            latencyMs,
            agentName,
            timestamp: new Date(T0 - 20 * 60_000 + i * 1000),
          });
        }
      }
      await t.obs.flush();
      await evaluate();
      now = T0 + 10 * 60_000;
      await evaluate();
      now = T0 + 31 * 60_000;
      await evaluate();
      expect(smtp.received).toHaveLength(2);
      const [mail] = smtp.received;
      expect(mail.envelope.to).toEqual(['oncall@shop.example.com']);
      expect(mail.mail.subject).toBe('[Observatory] FIRING: Slow agents (Planner)');
      expect(mail.mail.text).toContain('agent Planner');
      expect(mail.mail.text).not.toContain('Writer');
    } finally {
      await smtp.close();
    }
  });

  it('alerts on a model whose cost this hour is far above its usual level at that time, naming the usual range', async () => {
    const channel = await addChannel({ type: 'webhook', name: 'Ops', url: `${receiver.url}/hook`, secret: SECRET });
    await addRule({
      name: 'Anomalies by model',
      kind: 'anomaly',
      by: 'model',
      metrics: ['cost'],
      channelIds: [channel.id],
    });
    // Three weeks of the same six calls an hour at about $0.01 each, then an hour at $0.10 each.
    const lastHour = T0 - HOUR;
    for (let hour = lastHour - 21 * DAY; hour <= lastHour; hour += HOUR) {
      for (let i = 0; i < 6; i++) {
        t.obs.recordCall({
          provider: 'openai',
          modelName: 'gpt-4o',
          promptTokens: 1000,
          completionTokens: 100,
          totalCost: (hour === lastHour ? 0.1 : 0.01) * (1 + ((hour / HOUR + i) % 5) / 20),
          latencyMs: 800,
          timestamp: new Date(hour + i * 60_000),
        });
      }
    }
    await t.obs.flush({ timeoutMs: 60_000 });
    const status = await evaluate();
    expect(status.firing).toEqual([
      expect.objectContaining({
        ruleKind: 'anomaly',
        offender: { dimension: 'model.cost', value: 'gpt-4o' },
        link: '/sessions?model=gpt-4o',
        message: expect.stringMatching(/^gpt-4o cost this hour \$0\.67, usual \$0\.0\d+–\$0\.\d+$/),
      }),
    ]);
    expect(receiver.requests).toHaveLength(1);
    // The same hours, over a range, are the chart's markers.
    const markers = await call(app, `/api/alerts/anomalies?from=${T0 - 2 * DAY}&to=${T0}`);
    expect(markers.items).toEqual([
      expect.objectContaining({ series: 'gpt-4o', metric: 'cost', hourStart: lastHour, direction: 'spike' }),
    ]);
    // The next hour is usual again: resolved.
    for (let i = 0; i < 6; i++) {
      t.obs.recordCall({
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 1000,
        completionTokens: 100,
        totalCost: 0.01,
        latencyMs: 800,
        timestamp: new Date(T0 + i * 60_000),
      });
    }
    await t.obs.flush();
    now = T0 + HOUR + 60_000;
    expect((await evaluate()).firing).toEqual([]);
    expect(JSON.parse(receiver.requests[1].body)).toMatchObject({ kind: 'resolved' });
  }, 60_000);

  it('evaluates the rules soon after calls arrive over HTTP, without waiting for the timer', async () => {
    await addRule({ name: 'Daily', kind: 'budget', period: 'day', amountUsd: 1, warnAtPct: [100] });
    const ingested = await call(app, '/api/calls', {
      method: 'POST',
      body: JSON.stringify({
        items: [
          {
            kind: 'call',
            call: {
              id: 'remote-1',
              sessionId: 'remote-session',
              projectName: 'shop',
              timestamp: new Date(T0 - 60_000).toISOString(),
              provider: 'openai',
              modelName: 'gpt-4o',
              promptTokens: 10,
              completionTokens: 10,
              totalCost: 1.5,
            },
          },
        ],
      }),
    });
    expect(ingested.accepted).toBe(1);
    await expect
      .poll(async () => (await call(app, '/api/alerts')).firing.map((e: { ruleName: string }) => e.ruleName))
      .toEqual(['Daily']);
  });

  it('refuses a bad rule or channel naming the field and the value', async () => {
    const bad = async (path: string, body: object) =>
      call(app, path, { method: 'POST', body: JSON.stringify(body), status: 400 });
    expect(await bad('/api/alerts/rules', { name: 'x', kind: 'budget', period: 'week', amountUsd: 1 })).toMatchObject({
      parameter: 'period',
      value: 'week',
    });
    expect(await bad('/api/alerts/rules', { name: 'x', kind: 'budget', period: 'day', amountUsd: -3 })).toMatchObject({
      parameter: 'amountUsd',
      value: -3,
    });
    expect(
      await bad('/api/alerts/rules', { name: 'x', kind: 'budget', period: 'day', amountUsd: 1, channelIds: ['nope'] }),
    ).toMatchObject({ parameter: 'channelIds', value: 'nope' });
    expect(
      await bad('/api/alerts/channels', { type: 'webhook', name: 'x', url: 'ftp://example.com', secret: SECRET }),
    ).toMatchObject({ parameter: 'url', value: 'ftp://example.com' });
    expect((await call(app, '/api/alerts/rules')).items).toEqual([]);
  });

  it('never sends a channel secret back, and keeps it when an edit sends the mask', async () => {
    const channel = await addChannel({ type: 'webhook', name: 'Ops', url: `${receiver.url}/hook`, secret: SECRET });
    expect(channel.secret).toBe('********');
    const listed = (await call(app, '/api/alerts/channels')).items;
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    await call(app, `/api/alerts/channels/${channel.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...channel, name: 'Ops team' }),
    });
    const test = await call(app, `/api/alerts/channels/${channel.id}/test`, { method: 'POST' });
    expect(test).toMatchObject({ ok: true, status: '200' });
    const sent = receiver.requests[0];
    expect(isSigned(sent)).toBe(true);
    expect(JSON.parse(sent.body)).toMatchObject({ kind: 'test' });
  });
});
