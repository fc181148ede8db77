import dns from 'node:dns';
import net from 'node:net';
import { Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKnownHistory, T_NOW } from '../test-support/seed-known-history.js';
import { createApp } from './create-app.js';

/** Every read endpoint the pages use (`:id` filled with a stored id or a hostile value). */
const ENDPOINTS = [
  '/api/health',
  '/api/projects',
  '/api/overview',
  '/api/calls',
  '/api/calls/:id',
  '/api/sessions',
  '/api/sessions/:id',
  '/api/meta',
  '/api/filters',
  '/api/timeseries',
  '/api/breakdown',
  '/api/matrix',
  '/api/live',
  '/api/export',
  '/api/cost',
  '/api/cost/scenario',
  '/api/models/catalog',
  '/api/router',
  '/api/cache',
  '/api/judge',
  '/api/judge/compare',
  '/api/prompts',
  '/api/settings',
  '/api/alerts',
];

const PARAMETERS = [
  'project',
  'range',
  'from',
  'to',
  'limit',
  'offset',
  'model',
  'agent',
  'operation',
  'provider',
  'status',
  'by',
  'interval',
  'groupBy',
  'window',
  'compare',
  'target',
  'targetProvider',
  'horizon',
  'format',
  'sample',
  'session',
  'promptId',
  'variant',
  'a',
  'b',
  'columns',
  'rows',
  'threshold',
];

/** SQL injection, huge and malformed numbers, bad dates, markup, control characters, huge text. */
const HOSTILE = [
  "' OR '1'='1",
  '1; DROP TABLE llm_calls; --',
  "alpha' UNION SELECT * FROM sessions --",
  '%00',
  '\u0000',
  '99999999999999999999999',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '2026-13-45',
  '2026-02-30T25:61:00Z',
  '9999-12-31',
  '-271821-04-20',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\uD800',
  'x'.repeat(20_000),
  '',
  ' ',
  '[]',
  '{"$gt":""}',
];

/** A fixed-seed sample of (endpoint, parameter, value) triples, so the run is repeatable. */
function sampleRequests(count: number): string[] {
  let seed = 20261126;
  const pick = <T>(items: T[]) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return items[seed % items.length];
  };
  const requests: string[] = [];
  for (let i = 0; i < count; i++) {
    const endpoint = pick(ENDPOINTS).replace(':id', encodeURIComponent(pick(HOSTILE).toWellFormed()) || 'x');
    const query = new URLSearchParams();
    query.set(pick(PARAMETERS), pick(HOSTILE));
    if (i % 3 === 0) query.set(pick(PARAMETERS), pick(HOSTILE));
    requests.push(`${endpoint}?${query}`);
  }
  return requests;
}

describe('dashboard API under hostile parameters', () => {
  let t: TestObservatory;
  let beta: Observatory;
  let app: Hono;
  let callsBefore: number;
  const attempts: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;

  beforeAll(async () => {
    t = await createTestObservatory({ projectName: 'alpha' });
    beta = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'beta', flushOnExit: false, strict: true });
    await seedKnownHistory(t.obs, beta);
    callsBefore = await t.obs.storage.countLlmCalls();
    app = createApp(t.obs, { now: () => T_NOW, cacheRevalidateMs: 0, onError: () => {} });
    // Record every connection and lookup the server attempts while it answers.
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const [first, second] = args as [unknown, unknown];
      const options =
        typeof first === 'object' && first !== null
          ? (first as Record<string, unknown>)
          : { port: first, host: second };
      attempts.push(options.path ? `unix:${options.path}` : `${options.host ?? 'localhost'}:${options.port}`);
      return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    dns.lookup = ((hostname: string, ...rest: unknown[]) => {
      attempts.push(`dns:${hostname}`);
      return (originalLookup as (...a: unknown[]) => void)(hostname, ...rest);
    }) as typeof dns.lookup;
  });
  afterAll(async () => {
    net.Socket.prototype.connect = originalConnect;
    dns.lookup = originalLookup;
    await beta.close();
    await t.cleanup();
  });

  it('answers 400 with a message or 200, never a 500, for 600 hostile requests', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const path of sampleRequests(600)) {
      const res = await app.request(path, { headers: { host: 'localhost' } });
      const body = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 400) {
        const parsed = JSON.parse(body) as { error?: unknown };
        if (typeof parsed.error !== 'string' || parsed.error.length === 0)
          failures.push(`${path} → 400 without a message: ${body.slice(0, 200)}`);
      } else if (res.status !== 200 && res.status !== 404) {
        failures.push(`${path.slice(0, 200)} → ${res.status}: ${body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // The sample really exercises validation: some are refused (45 of this fixed sample), most answered.
    expect(statuses.get(400), JSON.stringify([...statuses])).toBeGreaterThan(30);
    expect(statuses.get(200), JSON.stringify([...statuses])).toBeGreaterThan(100);
  });

  it('still holds every call afterwards (no injected statement ran)', async () => {
    expect(await t.obs.storage.countLlmCalls()).toBe(callsBefore);
    expect(await t.obs.storage.getDistinctProjects()).toEqual(['alpha', 'beta']);
  });

  it('opens no connection beyond this machine while answering', () => {
    const outbound = attempts.filter((a) => !/^(unix:|dns:localhost$|(localhost|127\.\d+\.\d+\.\d+|::1):\d+$)/.test(a));
    expect(outbound).toEqual([]);
  });
});
