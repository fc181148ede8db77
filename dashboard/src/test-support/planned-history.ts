import type { Observatory, RecordCallInput } from '@observatory/core';
import { createTestObservatory, type TestDatabaseKind } from '@observatory/core/test';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { createApp } from '../server/create-app.js';

/**
 * Random call histories and dashboard queries for the endpoints' property tests: every
 * figure a page shows is held to a plain reference computed from these planned calls.
 * Amounts are whole micro-dollars and tokens, so the references' sums are exact.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A Monday, 00:00 UTC: the first day of every history. */
export const T0 = Date.UTC(2026, 2, 2);
/** The dashboard's clock: 13:30 on the tenth day, so "today" is partial and ranges ending now are not hour-aligned. */
export const NOW = T0 + 9 * DAY + 13.5 * HOUR;

export const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5'] as const;
export const providerOf = (model: string) => (model.startsWith('claude') ? 'anthropic' : 'openai');

const plannedJudgement = fc.record({
  /** Judge score in tenths (0..10 in steps of 0.1). */
  tenths: fc.integer({ min: 0, max: 100 }),
  hallucination: fc.boolean(),
  factualError: fc.boolean(),
  category: fc.constantFrom(undefined, 'wrong-fact', 'off-topic'),
});

const plannedRouting = fc.record({
  alternatives: fc.subarray([...MODELS]),
  /** Whole units so the scores' means are exact enough. */
  chosenScore: fc.integer({ min: 0, max: 100 }),
  alternativeScore: fc.integer({ min: 0, max: 100 }),
  savingsMicros: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
});

/** One call of a random history. */
export const plannedCall = fc
  .record({
    project: fc.constantFrom('alpha', 'beta'),
    model: fc.constantFrom(...MODELS),
    agent: fc.option(fc.constantFrom('planner', 'writer'), { nil: undefined }),
    promptTokens: fc.integer({ min: 0, max: 20_000 }),
    cachedPercent: fc.integer({ min: 0, max: 100 }),
    completionTokens: fc.integer({ min: 0, max: 4_000 }),
    latencyMs: fc.integer({ min: 1, max: 120_000 }),
    costMicros: fc.integer({ min: 0, max: 2_000_000 }),
    failed: fc.boolean(),
    cache: fc.constantFrom('none', 'hit', 'miss'),
    routing: fc.option(plannedRouting, { nil: undefined, freq: 2 }),
    judge: fc.option(plannedJudgement, { nil: undefined, freq: 2 }),
    promptId: fc.constantFrom(undefined, 'greeting', 'summary'),
    variant: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined, freq: 4 }),
    // Mostly on whole hours and in the last two days, where the ranges' edges fall; some anywhere.
    offsetMs: fc.oneof(
      fc.integer({ min: 0, max: NOW - T0 - 1 }),
      fc.integer({ min: 0, max: Math.floor((NOW - T0 - 1) / HOUR) }).map((hour) => hour * HOUR),
      fc.integer({ min: NOW - T0 - 2 * DAY, max: NOW - T0 - 1 }),
    ),
  })
  // A response-cache hit is answered by the cache: no tokens, no cost (as the adapters record one).
  .map((c) => (c.cache === 'hit' ? { ...c, promptTokens: 0, completionTokens: 0, costMicros: 0 } : c));
export type PlannedCall = typeof plannedCall extends fc.Arbitrary<infer T> ? T : never;

/** A dashboard query: a project (or all) and a range picked in the web app (`range=`) or typed (`from`/`to`). */
export const plannedQuery = fc.record({
  project: fc.constantFrom(undefined, 'alpha', 'beta'),
  window: fc.oneof(
    fc.record({ range: fc.constantFrom('24h', '7d', '14d', '30d', 'all') }),
    fc.record({
      fromHour: fc.integer({ min: -12, max: 9 * 24 + 12 }),
      hours: fc.oneof(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 12 * 24 })),
      /** Minutes past the hour of `from` and before the hour of `to`: the edges are rarely aligned. */
      fromMinutes: fc.constantFrom(0, 17),
      toMinutes: fc.constantFrom(0, 5),
    }),
  ),
});
export type PlannedQuery = typeof plannedQuery extends fc.Arbitrary<infer T> ? T : never;

export const cachedOf = (c: PlannedCall) => Math.floor((c.promptTokens * c.cachedPercent) / 100);
export const timeOf = (c: PlannedCall) => T0 + c.offsetMs;

/** The range a query selects, as `readRange` documents it: `range` ends at `to` or now; `all` is unbounded. */
export function rangeOf(q: PlannedQuery): { from?: number; to?: number } {
  if ('range' in q.window) {
    const days = { '24h': 1, '7d': 7, '14d': 14, '30d': 30 } as const;
    return q.window.range === 'all' ? {} : { from: NOW - days[q.window.range] * DAY };
  }
  const from = T0 + q.window.fromHour * HOUR + q.window.fromMinutes * 60_000;
  return { from, to: T0 + (q.window.fromHour + q.window.hours) * HOUR - q.window.toMinutes * 60_000 };
}

/** `/api/<endpoint>?…` for a query. */
export function pathOf(endpoint: string, q: PlannedQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (q.project) params.set('project', q.project);
  if ('range' in q.window) params.set('range', q.window.range);
  else {
    const { from, to } = rangeOf(q);
    params.set('from', String(from));
    params.set('to', String(to));
  }
  return `/api/${endpoint}?${params}`;
}

/**
 * The calls the rollup-based figures count, as `AggregateFilter` documents it: every hour
 * from the one holding `from` up to the first hour starting at or after `to`.
 */
export function inHours<C extends PlannedCall>(calls: readonly C[], q: PlannedQuery): C[] {
  const { from, to } = rangeOf(q);
  const fromHour = from === undefined ? Number.NEGATIVE_INFINITY : Math.floor(from / HOUR) * HOUR;
  const toHour = to === undefined ? Number.POSITIVE_INFINITY : Math.ceil(to / HOUR) * HOUR;
  return calls.filter(
    (c) => timeOf(c) >= fromHour && timeOf(c) < toHour && (q.project === undefined || c.project === q.project),
  );
}

/** The calls of the query's project, at any time. */
export function ofProject(calls: readonly PlannedCall[], q: PlannedQuery): PlannedCall[] {
  return calls.filter((c) => q.project === undefined || c.project === q.project);
}

/** The start of the first UTC day the query's project (or any) has calls, null without any. */
export function firstDayOf(calls: readonly PlannedCall[], q: PlannedQuery): number | null {
  const times = ofProject(calls, q).map(timeOf);
  return times.length > 0 ? Math.floor(Math.min(...times) / DAY) * DAY : null;
}

/**
 * The series width (`pickInterval`): hours for a range up to two days, days up to 120, then
 * weeks; an open range starts on the selected project's first day with calls.
 */
export function seriesWidthOf(calls: readonly PlannedCall[], q: PlannedQuery): number {
  const { from, to } = rangeOf(q);
  const span = (to ?? NOW) - (from ?? firstDayOf(calls, q) ?? NOW - DAY);
  return span <= 2 * DAY ? HOUR : span <= 120 * DAY ? DAY : 7 * DAY;
}

/**
 * The range's length in days (`spanDays`): from `from`, or when open-ended from the start of
 * the first day the selected project has calls, to `to` or now; at least an hour.
 */
export function rangeDaysOf(calls: readonly PlannedCall[], q: PlannedQuery): number {
  const { from, to } = rangeOf(q);
  return Math.max(1 / 24, ((to ?? NOW) - (from ?? firstDayOf(calls, q) ?? NOW)) / DAY);
}

/**
 * Record the planned calls and wait until they are stored. Each one's prompt is `promptOf`'s
 * (none when it returns undefined); by default `prompt #<index>`. `more` adds fields the plan
 * does not hold (an id, a session, a parent, metadata beside the prompt's).
 */
export async function recordPlannedCalls<C extends PlannedCall>(
  obs: Observatory,
  calls: readonly C[],
  promptOf: (c: C, index: number) => string | undefined = (_, i) => `prompt #${i}`,
  more: (c: C, index: number) => Partial<RecordCallInput> = () => ({}),
): Promise<void> {
  calls.forEach((c, i) => {
    const extra = more(c, i);
    obs.recordCall({
      ...extra,
      projectName: c.project,
      provider: providerOf(c.model),
      modelName: c.model,
      agentName: c.agent,
      promptTokens: c.promptTokens,
      cachedPromptTokens: cachedOf(c),
      completionTokens: c.completionTokens,
      latencyMs: c.latencyMs,
      totalCost: c.costMicros / 1e6,
      timestamp: new Date(timeOf(c)),
      error: c.failed ? 'upstream timeout' : undefined,
      prompt: promptOf(c, i),
      metadata: {
        ...extra.metadata,
        ...(c.promptId === undefined ? {} : { promptId: c.promptId }),
        ...(c.variant === undefined ? {} : { promptVariant: c.variant }),
      },
      cacheMetadata: c.cache === 'none' ? undefined : { cacheHit: c.cache === 'hit' },
      routingDecision:
        c.routing === undefined
          ? undefined
          : {
              chosenModel: c.model,
              alternativeModels: c.routing.alternatives.filter((m) => m !== c.model),
              modelScores: Object.fromEntries([
                [c.model, c.routing.chosenScore],
                ...c.routing.alternatives.filter((m) => m !== c.model).map((m) => [m, c.routing?.alternativeScore]),
              ]),
              reasoning: 'cheapest that passes',
              estimatedCostSavings: c.routing.savingsMicros === undefined ? undefined : c.routing.savingsMicros / 1e6,
            },
      qualityEvaluation:
        c.judge === undefined
          ? undefined
          : {
              judgeScore: c.judge.tenths / 10,
              hallucinationFlag: c.judge.hallucination,
              factualError: c.judge.factualError,
              errorCategory: c.judge.category,
              suggestions: [],
            },
    });
  });
  await obs.flush({ timeoutMs: 60_000 });
}

/** GET a dashboard endpoint in-process and return its JSON, failing with the body on any other status. */
export async function getJson<T>(app: Hono, path: string): Promise<T> {
  const res = await app.request(path, { headers: { host: 'localhost' } });
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 500)}`).toBe(200);
  return JSON.parse(body) as T;
}

/**
 * Calls exactly at the edges of `edgeQueries`: either side of the start of `from`'s hour
 * (09:00 on the first day), either side of the end of `to`'s (09:00 on the second), either
 * side of the start of the 24-hour range's first hour and of its exact start; alternately
 * in each project.
 */
export function edgeCalls(template: PlannedCall): PlannedCall[] {
  const dayAgo = NOW - DAY - T0;
  const dayAgoHour = Math.floor((NOW - DAY) / HOUR) * HOUR - T0;
  return [9 * HOUR - 1, 9 * HOUR, 33 * HOUR - 1, 33 * HOUR, dayAgoHour - 1, dayAgoHour, dayAgo - 1, dayAgo].map(
    (offsetMs, i) => ({ ...template, project: i % 2 === 0 ? 'alpha' : 'beta', offsetMs }),
  );
}

/** 09:17 on the first day to 08:55 on the second (and the same hours aligned, on one project), and the last 24 hours. */
export const edgeQueries: PlannedQuery[] = [
  { project: undefined, window: { fromHour: 9, hours: 24, fromMinutes: 17, toMinutes: 5 } },
  { project: 'alpha', window: { fromHour: 9, hours: 24, fromMinutes: 0, toMinutes: 0 } },
  { project: undefined, window: { range: '24h' } },
];

/**
 * A project whose calls all fall in its last day, beside an older project, and a query of
 * its open range: a day long, not the older project's nine.
 */
export function lateProject(template: PlannedCall): [PlannedCall[], PlannedQuery[]] {
  return [
    [
      { ...template, project: 'beta', offsetMs: 0 },
      { ...template, project: 'alpha', offsetMs: NOW - T0 - 3 * HOUR },
    ],
    [{ project: 'alpha', window: { range: 'all' } }],
  ];
}

/**
 * Record one planned history in a fresh store of `database`, open the dashboard on it (its
 * clock at `now`, NOW by default) and run `check`; the store is removed afterwards.
 */
export async function withPlannedStore<C extends PlannedCall>(
  database: TestDatabaseKind,
  calls: readonly C[],
  check: (app: Hono) => Promise<void>,
  options: {
    prompt?: (c: C, index: number) => string | undefined;
    now?: () => number;
    more?: (c: C, index: number) => Partial<RecordCallInput>;
  } = {},
): Promise<void> {
  const t = await createTestObservatory({ database });
  try {
    await recordPlannedCalls(t.obs, calls, options.prompt, options.more);
    await check(createApp(t.obs, { now: options.now ?? (() => NOW), cacheRevalidateMs: 0, onError: () => {} }));
  } finally {
    await t.cleanup();
  }
}
