import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { shareIdenticalRequests } from './share-identical-requests.js';

/** An app whose handler takes 20 ms and counts how often it ran, per path. */
function countingApp() {
  const runs = new Map<string, number>();
  const app = new Hono();
  app.use(
    '*',
    shareIdenticalRequests((path) => path === '/stream'),
  );
  const handler = async (c: import('hono').Context) => {
    const key = `${c.req.method} ${c.req.path}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return c.json({ path: c.req.path, query: c.req.query('q') ?? null, run: runs.get(key) }, 201, { 'x-run': '1' });
  };
  app.get('/data', handler);
  app.get('/stream', handler);
  app.post('/data', handler);
  return { app, runs };
}

describe('shareIdenticalRequests', () => {
  it('answers identical concurrent GETs from one run of the handler, each with its own copy', async () => {
    const { app, runs } = countingApp();
    const responses = await Promise.all(Array.from({ length: 5 }, () => app.request('/data?q=1')));
    expect(runs.get('GET /data')).toBe(1);
    for (const response of responses) {
      expect(response.status).toBe(201);
      expect(response.headers.get('x-run')).toBe('1');
      expect(await response.json()).toEqual({ path: '/data', query: '1', run: 1 });
    }
  });

  it('runs the handler again for other URLs, other methods, skipped paths and later requests', async () => {
    const { app, runs } = countingApp();
    await Promise.all([app.request('/data?q=1'), app.request('/data?q=2')]);
    expect(runs.get('GET /data')).toBe(2);
    await Promise.all([app.request('/data', { method: 'POST' }), app.request('/data', { method: 'POST' })]);
    expect(runs.get('POST /data')).toBe(2);
    await Promise.all([app.request('/stream'), app.request('/stream')]);
    expect(runs.get('GET /stream')).toBe(2);
    // Nothing is cached once answered.
    await app.request('/data?q=1');
    expect(runs.get('GET /data')).toBe(3);
  });
});
