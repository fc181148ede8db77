import { LATENCY_BUCKET_BOUNDS_MS } from '@observatory/core';
import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveResponse } from '../../shared/api-types.js';
import {
  DAY,
  getJson,
  HOUR,
  NOW,
  type PlannedCall,
  plannedCall,
  providerOf,
  T0,
  timeOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';

const MINUTE = 60_000;
const WINDOWS = { '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': HOUR, '24h': DAY } as const;
/** Bucket widths the Live page documents: 10 s, 30 s, a minute, an hour. */
const BUCKETS = { '5m': 10_000, '15m': 30_000, '1h': MINUTE, '24h': HOUR } as const;
type Window = keyof typeof WINDOWS;
/** Newest calls in the event stream. */
const EVENTS = 50;
/**
 * The dashboard's clocks: on the hour's half (every bucket's edge), 25.123 s past it (no
 * bucket's), and 5 s before the hour (a call from a clock 15 s ahead is in the next hour).
 */
const CLOCKS = [NOW, NOW + 25_123, NOW + 30 * MINUTE - 5_000] as const;

/** Where a window starts: now − its length; 24 h from the hourly rollups, from the start of the hour holding that. */
function windowStart(window: Window, clock: number): number {
  const start = clock - WINDOWS[window];
  return window === '24h' ? Math.floor(start / HOUR) * HOUR : start;
}

/**
 * When a call happened: near an edge (now, a window's start, the 24-hour window's first hour)
 * or anywhere before now. Just after now too: a client's clock a little ahead of the server's.
 */
const plannedWhen = fc.oneof(
  fc.record({
    edge: fc.constantFrom('now', '5m', '15m', '1h', '24h', '24h hour'),
    deltaMs: fc.oneof(fc.constantFrom(-1, 0), fc.integer({ min: -1500, max: 1500 })),
  }),
  fc.record({ edge: fc.constant('now'), deltaMs: fc.integer({ min: -2 * HOUR, max: 0 }) }),
  fc.record({ edge: fc.constant('now'), deltaMs: fc.integer({ min: -26 * HOUR, max: 0 }) }),
  fc.record({ edge: fc.constant('now'), deltaMs: fc.integer({ min: -9 * DAY, max: 0 }) }),
);
type When = typeof plannedWhen extends fc.Arbitrary<infer T> ? T : never;
type TimedCall = PlannedCall & { when: When };
const timedCall = fc.tuple(plannedCall, plannedWhen).map(([c, when]): TimedCall => ({ ...c, when }));

/** A call's time by the clock. */
function placed(c: TimedCall, clock: number): TimedCall {
  const edge =
    c.when.edge === 'now'
      ? clock
      : c.when.edge === '24h hour'
        ? windowStart('24h', clock)
        : clock - WINDOWS[c.when.edge];
  return { ...c, offsetMs: edge + c.when.deltaMs - T0 };
}

const liveQuery = fc.record({
  project: fc.constantFrom(undefined, 'alpha', 'beta'),
  window: fc.constantFrom<Window>('5m', '15m', '1h', '24h'),
});
type LiveQuery = typeof liveQuery extends fc.Arbitrary<infer T> ? T : never;

const sum = (calls: readonly PlannedCall[], f: (c: PlannedCall) => number) => calls.reduce((a, c) => a + f(c), 0);

/** The p95 latency: exact (the nearest-rank order statistic ⌈0.95·n⌉) up to an hour; for 24 h within the histogram bucket holding it. */
function expectP95(actual: number | null, calls: readonly PlannedCall[], window: Window, where: string) {
  const sorted = calls.map((c) => c.latencyMs).sort((a, b) => a - b);
  if (sorted.length === 0) {
    expect(actual, `${where}: no p95 without calls`).toBeNull();
    return;
  }
  const exact = sorted[Math.ceil(0.95 * sorted.length) - 1];
  if (window !== '24h') {
    expect(actual, `${where}: p95`).toBe(exact);
    return;
  }
  const upper = LATENCY_BUCKET_BOUNDS_MS.find((bound) => exact < bound) ?? Number.POSITIVE_INFINITY;
  const lower = [...LATENCY_BUCKET_BOUNDS_MS].reverse().find((bound) => bound <= exact) ?? 0;
  expect(actual, `${where}: p95 (exact ${exact} ms)`).toBeGreaterThanOrEqual(lower);
  expect(actual, `${where}: p95 (exact ${exact} ms)`).toBeLessThanOrEqual(upper);
}

function expectLivePage(page: LiveResponse, calls: readonly PlannedCall[], query: LiveQuery, clock: number) {
  const { project, window } = query;
  const where = `${JSON.stringify(query)} at now + ${clock - NOW} ms`;
  const from = windowStart(window, clock);
  const bucket = BUCKETS[window];
  const mine = calls.filter((c) => project === undefined || c.project === project);
  const inWindow = mine.filter((c) => timeOf(c) >= from);
  const n = inWindow.length;
  expect([page.window, page.now, page.from, page.bucketMs], `${where}: window`).toEqual([window, clock, from, bucket]);

  // Totals over the window's calls: each stamped at or after its start (after now too).
  const { p95LatencyMs, cost, ...totals } = page.totals;
  const errors = inWindow.filter((c) => c.failed).length;
  expect(totals, `${where}: totals`).toEqual({
    calls: n,
    errors,
    errorRate: n > 0 ? errors / n : 0,
    tokens: sum(inWindow, (c) => c.promptTokens + c.completionTokens),
    avgLatencyMs: n > 0 ? sum(inWindow, (c) => c.latencyMs) / n : 0,
    callsPerMinute: n / ((clock - from) / MINUTE),
  });
  expect(cost, `${where}: cost`).toBeCloseTo(sum(inWindow, (c) => c.costMicros) / 1e6, 9);
  expectP95(p95LatencyMs, inWindow, window, where);

  // The series: up to an hour every bucket from the one holding the window's start to the
  // one holding now; 24 h each hour with calls (the rollups keep no empty hours). A call
  // stamped after now counts in the bucket of now, where the series ends.
  const byBucket = new Map<number, PlannedCall[]>();
  for (const c of inWindow) {
    const time = Math.floor(Math.min(timeOf(c), clock) / bucket) * bucket;
    byBucket.set(time, [...(byBucket.get(time) ?? []), c]);
  }
  const times: number[] = [];
  if (window === '24h') times.push(...[...byBucket.keys()].sort((a, b) => a - b));
  else for (let time = Math.floor(from / bucket) * bucket; time <= clock; time += bucket) times.push(time);
  expect(
    page.series.map((p) => ({ ...p, cost: Math.round(p.cost * 1e6) })),
    `${where}: series`,
  ).toEqual(
    times.map((time) => {
      const group = byBucket.get(time) ?? [];
      return {
        time,
        calls: group.length,
        errors: group.filter((c) => c.failed).length,
        cost: sum(group, (c) => c.costMicros),
      };
    }),
  );

  // The event stream: the project's newest calls at any time, newest first (among calls of
  // one time, any); each as recorded (its prompt names its index).
  const newest = mine
    .map(timeOf)
    .sort((a, b) => b - a)
    .slice(0, EVENTS);
  expect(
    page.events.map((e) => e.timestamp),
    `${where}: the newest calls' times`,
  ).toEqual(newest);
  const indices = page.events.map((e) => Number(e.prompt?.replace('prompt #', '')));
  expect(new Set(indices).size, `${where}: each call once`).toBe(page.events.length);
  page.events.forEach((event, i) => {
    const c = calls[indices[i]];
    expect(c, `${where}: event ${event.prompt}`).toBeDefined();
    expect(
      { ...event, id: undefined, sessionId: undefined, operationName: undefined, totalCost: undefined },
      `${where}: event ${event.prompt}`,
    ).toEqual({
      id: undefined,
      sessionId: undefined,
      operationName: undefined,
      totalCost: undefined,
      projectName: c.project,
      timestamp: timeOf(c),
      provider: providerOf(c.model),
      modelName: c.model,
      agentName: c.agent ?? null,
      promptTokens: c.promptTokens,
      completionTokens: c.completionTokens,
      latencyMs: c.latencyMs,
      error: c.failed ? 'upstream timeout' : null,
      prompt: `prompt #${indices[i]}`,
      cacheHit: c.cache === 'none' ? null : c.cache === 'hit',
      judgeScore: c.judge === undefined ? null : c.judge.tenths / 10,
      routed: c.routing !== undefined,
    });
    expect(event.totalCost, `${where}: event ${event.prompt} cost`).toBeCloseTo(c.costMicros / 1e6, 9);
  });
  // Per agent ('' for none): its calls, errors, cost, mean latency and newest call; the busiest
  // first. 24 h reads no call (the rollups keep no times): an agent's newest call is known
  // when it is among the event stream's, otherwise null.
  const streamed = new Set(page.events.map((e) => e.agentName ?? ''));
  const agents = new Map<string, PlannedCall[]>();
  for (const c of inWindow) agents.set(c.agent ?? '', [...(agents.get(c.agent ?? '') ?? []), c]);
  expect(page.agents.map((a) => a.agent).sort(), `${where}: agents`).toEqual([...agents.keys()].sort());
  for (const row of page.agents) {
    const own = agents.get(row.agent) ?? [];
    expect({ ...row, cost: Math.round(row.cost * 1e6) }, `${where}: agent ${row.agent}`).toEqual({
      agent: row.agent,
      calls: own.length,
      errors: own.filter((c) => c.failed).length,
      cost: sum(own, (c) => c.costMicros),
      avgLatencyMs: sum(own, (c) => c.latencyMs) / own.length,
      lastSeen: window !== '24h' || streamed.has(row.agent) ? Math.max(...own.map(timeOf)) : null,
    });
  }
  const counts = page.agents.map((a) => a.calls);
  expect(counts, `${where}: busiest agent first`).toEqual([...counts].sort((a, b) => b - a));
}

const template: TimedCall = {
  project: 'alpha',
  model: 'gpt-4o',
  agent: 'planner',
  promptTokens: 1200,
  cachedPercent: 0,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'none',
  routing: undefined,
  judge: undefined,
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
  when: { edge: 'now', deltaMs: 0 },
};

/**
 * Calls exactly at and just before each edge, alternately in each project and agent, some
 * failed; and two after now (a clock 15 s ahead is in the next 10-second bucket).
 */
const edgeExamples: TimedCall[] = (['now', '5m', '15m', '1h', '24h', '24h hour'] as const).flatMap((edge, e) =>
  (edge === 'now' ? [0, -1, 1, 15_000] : [0, -1]).map(
    (deltaMs, i): TimedCall => ({
      ...template,
      project: i % 2 === 0 ? 'alpha' : 'beta',
      agent: e % 3 === 0 ? undefined : e % 3 === 1 ? 'planner' : 'writer',
      failed: (e + i) % 2 === 0,
      latencyMs: 100 * (e + 1) + 7 * i,
      costMicros: 1000 * (e + 1) + i,
      when: { edge, deltaMs },
    }),
  ),
);

/**
 * A busy writer (55 calls in the last minutes) and a quiet planner (one call 20 hours ago):
 * more calls after the planner's than the event stream holds.
 */
const busyAndQuiet: TimedCall[] = [
  ...Array.from(
    { length: 55 },
    (_, i): TimedCall => ({ ...template, agent: 'writer', costMicros: 10, when: { edge: 'now', deltaMs: -i * 3001 } }),
  ),
  { ...template, agent: 'planner', costMicros: 900_000, when: { edge: 'now', deltaMs: -20 * HOUR } },
];

const everyWindow = (['5m', '15m', '1h', '24h'] as const).flatMap((window) =>
  ([undefined, 'beta'] as const).map((project) => ({ project, window })),
);

/**
 * The Live page against the calls: on random histories with calls at and around every
 * window's edges, at two clocks, each window's totals (calls, errors, cost, tokens, mean and
 * p95 latency, rate), its series per bucket, the activity per agent and the newest calls,
 * each computed straight from the calls.
 */
describe.each(testDatabases())('the Live page against the calls, on %s', (database) => {
  it('shows the calls of the window and the newest calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(timedCall, { minLength: 1, maxLength: 60 }),
        fc.array(liveQuery, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...CLOCKS),
        async (timed, queries, clock) => {
          const calls = timed.map((c) => placed(c, clock));
          await withPlannedStore(
            database,
            calls,
            async (app) => {
              for (const q of queries) {
                const params = new URLSearchParams({ window: q.window, ...(q.project ? { project: q.project } : {}) });
                expectLivePage(await getJson<LiveResponse>(app, `/api/live?${params}`), calls, q, clock);
              }
            },
            { now: () => clock },
          );
        },
      ),
      {
        numRuns: database === 'postgres' ? 10 : 25,
        seed: 20261207,
        examples: [
          [edgeExamples, everyWindow, CLOCKS[0]],
          [edgeExamples, everyWindow, CLOCKS[1]],
          [edgeExamples, everyWindow, CLOCKS[2]],
          [busyAndQuiet, everyWindow, CLOCKS[1]],
        ],
      },
    );
  }, 300_000);
});
