import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './create-app.js';
import { describedRoutes } from './openapi-document.js';

describe('OpenAPI document', () => {
  let t: TestObservatory;
  beforeAll(async () => {
    t = await createTestObservatory();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('describes exactly the routes the app serves under /api and /v1 (OTLP)', () => {
    const app = createApp(t.obs);
    const served = app.routes
      .filter((route) => route.method !== 'ALL' && /^\/(api|v1)\//.test(route.path))
      .map((route) => `${route.method} ${route.path}`);
    expect([...new Set(served)].sort()).toEqual([...describedRoutes()].sort());
  });

  it('is served at /api/openapi.json as OpenAPI 3.1 with path parameters in braces', async () => {
    const res = await createApp(t.obs).request('/api/openapi.json', { headers: { host: 'localhost' } });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string }> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/calls/{id}'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path' }),
    );
    expect(doc.paths['/api/calls'].get.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['project', 'range', 'from', 'to', 'limit', 'offset']),
    );
  });
});
