import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKnownHistory, T_NOW } from '../test-support/seed-known-history.js';
import { API_RESPONSE_SCHEMAS } from './api-response-schemas.js';
import { createApp } from './create-app.js';
import { generateApiResponseSchemas } from './generate-api-schemas.js';
import { describedRoutes } from './openapi-document.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: { '200': { content: Record<string, { schema: object }> } } }>>;
  components: { schemas: Record<string, object> };
}

/**
 * A JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1) for each route's documented
 * 200 body, taken from the document the app serves. Named schemas move from
 * components/schemas to $defs, where a plain JSON Schema validator looks for them.
 */
function compileResponseValidators(doc: OpenApiDocument): Map<string, ValidateFunction> {
  const toDefs = (schema: object) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/')) as object;
  const $defs = toDefs(doc.components.schemas);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const json = operation.responses['200'].content['application/json'];
      if (!json) continue;
      const route = `${method.toUpperCase()} ${path.replace(/\{([a-zA-Z]+)\}/g, ':$1')}`;
      validators.set(route, ajv.compile({ ...toDefs(json.schema), $defs }));
    }
  }
  return validators;
}

type Request = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, url: string, body?: unknown];

describe('OpenAPI response schemas', () => {
  it('are generated from shared/api-responses.ts (run dashboard/scripts/generate-api-schemas.ts after changing it)', () => {
    expect(API_RESPONSE_SCHEMAS).toEqual(generateApiResponseSchemas());
  }, 60_000);

  it('cover every GET route the document describes, and no route it does not', () => {
    const described = describedRoutes();
    const typed = Object.keys(API_RESPONSE_SCHEMAS.routes);
    expect(typed.filter((route) => !described.includes(route))).toEqual([]);
    const jsonGets = described.filter((route) => route.startsWith('GET ') && route !== 'GET /api/export');
    expect(jsonGets.filter((route) => !typed.includes(route))).toEqual([]);
  });
});

describe.each(testDatabases())('real API responses on %s match the OpenAPI document', (database) => {
  let t: TestObservatory;
  let beta: Observatory;
  let empty: TestObservatory;
  let webhook: Server;
  let validators: Map<string, ValidateFunction>;

  beforeAll(async () => {
    t = await createTestObservatory({ database, projectName: 'alpha' });
    beta = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'beta', flushOnExit: false, strict: true });
    await seedKnownHistory(t.obs, beta);
    empty = await createTestObservatory({ database });
    webhook = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const res = await createApp(t.obs).request('/api/openapi.json', { headers: { host: 'localhost' } });
    validators = compileResponseValidators((await res.json()) as OpenApiDocument);
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => webhook.close(resolve));
    await beta.close();
    await t.cleanup();
    await empty.cleanup();
  });

  /** Send each request, expect 200, and validate the body against its route's schema. */
  async function expectDocumented(app: Hono, requests: Request[]): Promise<void> {
    for (const [method, route, url, body] of requests) {
      const res = await app.request(url, {
        method,
        headers: { host: 'localhost', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      expect(res.status, `${method} ${url}: ${text.slice(0, 300)}`).toBe(200);
      const validate = validators.get(route);
      if (!validate) throw new Error(`the document has no JSON 200 schema for ${route}`);
      if (!validate(JSON.parse(text))) {
        expect.fail(`${method} ${url} does not match ${route}: ${JSON.stringify(validate.errors, null, 1)}`);
      }
    }
  }

  it('for every route on a store with history', async () => {
    const app = createApp(t.obs, { now: () => T_NOW, cacheRevalidateMs: 0, onError: () => {} });
    const calls = (await (
      await app.request('/api/calls?project=alpha', { headers: { host: 'localhost' } })
    ).json()) as {
      items: Array<{ id: string; sessionId: string }>;
    };
    const [first] = calls.items;
    const p = 'project=alpha';
    await expectDocumented(app, [
      ['GET', 'GET /api/health', '/api/health'],
      ['GET', 'GET /api/openapi.json', '/api/openapi.json'],
      ['GET', 'GET /api/projects', '/api/projects'],
      ['GET', 'GET /api/meta', '/api/meta'],
      ['GET', 'GET /api/filters', `/api/filters?${p}`],
      ['GET', 'GET /api/overview', '/api/overview'],
      ['GET', 'GET /api/overview', `/api/overview?${p}&range=2d&compare=true`],
      ['GET', 'GET /api/calls', `/api/calls?${p}&limit=5&status=error`],
      ['GET', 'GET /api/calls', '/api/calls?range=7d&offset=2'],
      ['GET', 'GET /api/calls/:id', `/api/calls/${first.id}`],
      ['GET', 'GET /api/sessions', `/api/sessions?${p}`],
      ['GET', 'GET /api/sessions/:id', `/api/sessions/${first.sessionId}`],
      ['GET', 'GET /api/timeseries', `/api/timeseries?${p}&groupBy=model`],
      ['GET', 'GET /api/timeseries', '/api/timeseries?interval=day'],
      ['GET', 'GET /api/matrix', `/api/matrix?${p}&rows=agent&columns=model`],
      ['GET', 'GET /api/breakdown', `/api/breakdown?${p}&by=agent`],
      ['GET', 'GET /api/breakdown', '/api/breakdown?by=provider'],
      ['GET', 'GET /api/live', '/api/live?window=24h'],
      ['GET', 'GET /api/cost', `/api/cost?${p}&horizon=30`],
      ['GET', 'GET /api/cost/scenario', `/api/cost/scenario?${p}&agent=Reviewer&model=gpt-4o&target=gpt-4o-mini`],
      ['GET', 'GET /api/models/catalog', `/api/models/catalog?${p}`],
      ['GET', 'GET /api/router', `/api/router?${p}`],
      ['GET', 'GET /api/cache', `/api/cache?${p}`],
      ['GET', 'GET /api/judge', `/api/judge?${p}`],
      ['GET', 'GET /api/judge/compare', `/api/judge/compare?${p}&by=model&a=gpt-4o&b=gpt-4o-mini`],
      ['GET', 'GET /api/prompts', `/api/prompts?${p}`],
      [
        'POST',
        'POST /api/prompts/estimate',
        `/api/prompts/estimate?${p}`,
        { text: 'hello world hello world', original: 'hello world', promptId: 'support', variant: 'A' },
      ],
      ['GET', 'GET /api/breakdown', `/api/breakdown?${p}&by=metadata.promptVariant`],
      ['PUT', 'PUT /api/metadata-keys/:key', '/api/metadata-keys/promptVariant'],
      ['GET', 'GET /api/breakdown', `/api/breakdown?${p}&by=metadata.promptVariant`],
      ['GET', 'GET /api/metadata-keys', '/api/metadata-keys'],
      ['DELETE', 'DELETE /api/metadata-keys/:key', '/api/metadata-keys/promptVariant'],
      ['GET', 'GET /api/settings', '/api/settings'],
      ['PUT', 'PUT /api/settings', '/api/settings', { alerts: { enabled: true, checkIntervalSeconds: 60 } }],
      [
        'POST',
        'POST /api/alerts/channels',
        '/api/alerts/channels',
        { type: 'slack', name: 'Hook', webhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook` },
      ],
      ['GET', 'GET /api/alerts/channels', '/api/alerts/channels'],
      [
        'POST',
        'POST /api/alerts/rules',
        '/api/alerts/rules',
        { name: 'Tenant budget', kind: 'budget', period: 'day', amountUsd: 0.001, groupBy: 'metadata.tenantId' },
      ],
      [
        'POST',
        'POST /api/alerts/rules',
        '/api/alerts/rules',
        { name: 'Alpha budget', kind: 'budget', period: 'month', amountUsd: 0.001, project: 'alpha' },
      ],
      ['GET', 'GET /api/alerts/rules', '/api/alerts/rules'],
      ['POST', 'POST /api/alerts/evaluate', '/api/alerts/evaluate'],
      ['GET', 'GET /api/alerts', '/api/alerts'],
      ['GET', 'GET /api/alerts/budgets', `/api/alerts/budgets?${p}`],
      ['GET', 'GET /api/alerts/anomalies', `/api/alerts/anomalies?${p}&range=30d`],
      ['POST', 'POST /api/retention/prune', '/api/retention/prune', { olderThanDays: 36_500 }],
      [
        'POST',
        'POST /api/calls',
        '/api/calls',
        {
          items: [
            { kind: 'call', call: ingestedCall(randomUUID(), 120) },
            { kind: 'call', call: ingestedCall(randomUUID(), -1) },
          ],
        },
      ],
      [
        'POST',
        'POST /v1/traces',
        '/v1/traces',
        { resourceSpans: [{ scopeSpans: [{ spans: [otlpSpan(100), otlpSpan(-5)] }] }] },
      ],
    ]);
    const send = async (method: string, url: string, body?: unknown) =>
      (await app
        .request(url, {
          method,
          headers: { host: 'localhost', 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
        .then((res) => res.json())) as Record<string, { id: string } & Record<string, unknown>>;
    const { channel } = await send('POST', '/api/alerts/channels', {
      type: 'webhook',
      name: 'Signed',
      url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/signed`,
      secret: 'a-long-shared-secret-for-hmac',
    });
    const { rule } = await send('POST', '/api/alerts/rules', {
      name: 'Errors',
      kind: 'threshold',
      metric: 'errorRatePct',
      above: 1,
      channelIds: [channel.id],
    });
    const { id: _id, createdAt: _c, updatedAt: _u, ...ruleInput } = rule;
    await expectDocumented(app, [
      ['PUT', 'PUT /api/alerts/rules/:id', `/api/alerts/rules/${rule.id}`, { ...ruleInput, above: 2 }],
      ['POST', 'POST /api/alerts/channels/:id/test', `/api/alerts/channels/${channel.id}/test`],
      [
        'PUT',
        'PUT /api/alerts/channels/:id',
        `/api/alerts/channels/${channel.id}`,
        { ...channel, name: 'Signed hook' },
      ],
      ['DELETE', 'DELETE /api/alerts/rules/:id', `/api/alerts/rules/${rule.id}`],
      ['DELETE', 'DELETE /api/alerts/channels/:id', `/api/alerts/channels/${channel.id}`],
    ]);
  }, 60_000);

  /** A call as a remote Observatory sends it to POST /api/calls. */
  function ingestedCall(id: string, promptTokens: number) {
    const timestamp = new Date(T_NOW - 60_000).toISOString();
    return {
      id,
      sessionId: randomUUID(),
      projectName: 'alpha',
      timestamp,
      provider: 'openai',
      modelName: 'gpt-4o',
      promptTokens,
      completionTokens: 10,
    };
  }

  /** A GenAI span in OTLP's JSON encoding. */
  function otlpSpan(inputTokens: number) {
    const start = BigInt(T_NOW - 60_000) * 1_000_000n;
    return {
      traceId: randomUUID().replaceAll('-', ''),
      spanId: randomUUID().replaceAll('-', '').slice(0, 16),
      name: 'chat gpt-4o',
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 900_000_000n),
      attributes: [
        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
        { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: String(inputTokens) } },
        { key: 'gen_ai.usage.output_tokens', value: { intValue: '20' } },
      ],
    };
  }

  it('for the empty answers of a store without history', async () => {
    const app = createApp(empty.obs, { cacheRevalidateMs: 0, onError: () => {} });
    await expectDocumented(app, [
      ['GET', 'GET /api/projects', '/api/projects'],
      ['GET', 'GET /api/meta', '/api/meta'],
      ['GET', 'GET /api/overview', '/api/overview?compare=true'],
      ['GET', 'GET /api/calls', '/api/calls'],
      ['GET', 'GET /api/sessions', '/api/sessions'],
      ['GET', 'GET /api/timeseries', '/api/timeseries'],
      ['GET', 'GET /api/live', '/api/live'],
      ['GET', 'GET /api/cost', '/api/cost'],
      ['GET', 'GET /api/router', '/api/router'],
      ['GET', 'GET /api/cache', '/api/cache'],
      ['GET', 'GET /api/judge', '/api/judge'],
      ['GET', 'GET /api/prompts', '/api/prompts'],
      ['GET', 'GET /api/settings', '/api/settings'],
      ['GET', 'GET /api/alerts', '/api/alerts'],
    ]);
  });

  it('rejects a body that differs from the documented shape', () => {
    const overview = validators.get('GET /api/overview');
    expect(overview?.({ totalCalls: 1 })).toBe(false);
    const health = validators.get('GET /api/health');
    expect(health?.({ status: 'ok' })).toBe(true);
    expect(health?.({ status: 'ok', extra: 1 })).toBe(false);
  });
});
