import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateFilter } from '../index.js';
import { LATENCY_BUCKET_BOUNDS_MS, latencyBucket } from '../latency-buckets.js';
import { createTestObservatory, testDatabases } from '../test/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Monday, 00:00 UTC. */
const T0 = Date.UTC(2026, 2, 2);

/** One call of a random history, in whole units so the reference sums are exact. */
const plannedCall = fc.record({
  project: fc.constantFrom('alpha', 'beta'),
  model: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5'),
  agent: fc.option(fc.constantFrom('planner', 'writer'), { nil: undefined }),
  promptTokens: fc.integer({ min: 0, max: 20_000 }),
  cachedPercent: fc.integer({ min: 0, max: 100 }),
  completionTokens: fc.integer({ min: 0, max: 4_000 }),
  latencyMs: fc.integer({ min: 1, max: 120_000 }),
  costMicros: fc.integer({ min: 0, max: 2_000_000 }),
  failed: fc.boolean(),
  cache: fc.constantFrom('none', 'hit', 'miss'),
  routingSavingsMicros: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
  judgeTenths: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  // Mostly the first two days, where the queries' edges fall; some anywhere in nine.
  offsetMs: fc.oneof(
    fc.integer({ min: 0, max: 48 * HOUR }),
    fc.integer({ min: 0, max: 48 }).map((hour) => hour * HOUR),
    fc.integer({ min: 0, max: 9 * DAY }),
  ),
});
type PlannedCall = typeof plannedCall extends fc.Arbitrary<infer T> ? T : never;

/** A query range in hours around the history, and which project (or all). */
const plannedQuery = fc.record({
  fromHour: fc.oneof(fc.integer({ min: -2, max: 48 }), fc.integer({ min: -24, max: 9 * 24 })),
  hours: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 * 24 })),
  project: fc.constantFrom(undefined, 'alpha', 'beta'),
});

const cachedOf = (c: PlannedCall) => Math.floor((c.promptTokens * c.cachedPercent) / 100);

/** The calls a filter covers, as documented: every hour from the one holding `from` up to `to`. */
function inScope(calls: PlannedCall[], filter: AggregateFilter): PlannedCall[] {
  const fromHour = filter.from ? Math.floor(filter.from.getTime() / HOUR) : Number.NEGATIVE_INFINITY;
  const toHour = filter.to ? Math.ceil(filter.to.getTime() / HOUR) : Number.POSITIVE_INFINITY;
  return calls.filter((c) => {
    const hour = Math.floor((T0 + c.offsetMs) / HOUR);
    return hour >= fromHour && hour < toHour && (filter.projectName === undefined || c.project === filter.projectName);
  });
}

/** The totals a page shows, computed straight from the calls. */
function referenceTotals(calls: PlannedCall[]) {
  const judged = calls.filter((c) => c.judgeTenths !== undefined);
  const sum = (f: (c: PlannedCall) => number) => calls.reduce((total, c) => total + f(c), 0);
  return {
    totalCalls: calls.length,
    errorCalls: calls.filter((c) => c.failed).length,
    promptTokens: sum((c) => c.promptTokens),
    completionTokens: sum((c) => c.completionTokens),
    cachedPromptTokens: sum(cachedOf),
    costMicros: sum((c) => c.costMicros),
    latencyMs: sum((c) => c.latencyMs),
    cacheLookups: calls.filter((c) => c.cache !== 'none').length,
    cacheHits: calls.filter((c) => c.cache === 'hit').length,
    routedCalls: calls.filter((c) => c.routingSavingsMicros !== undefined).length,
    routingSavingsMicros: sum((c) => c.routingSavingsMicros ?? 0),
    judgedCalls: judged.length,
    judgeTenths: judged.reduce((total, c) => total + (c.judgeTenths ?? 0), 0),
  };
}

function expectTotals(
  actual: {
    totalCalls: number;
    errorCalls: number;
    promptTokens: number;
    completionTokens: number;
    cachedPromptTokens: number;
    totalCost: number;
    avgLatencyMs: number;
    cacheLookups: number;
    cacheHits: number;
    routedCalls: number;
    routingSavings: number;
    judgedCalls: number;
    avgJudgeScore: number | null;
  },
  calls: PlannedCall[],
  where: string,
): void {
  const ref = referenceTotals(calls);
  expect(
    {
      totalCalls: actual.totalCalls,
      errorCalls: actual.errorCalls,
      promptTokens: actual.promptTokens,
      completionTokens: actual.completionTokens,
      cachedPromptTokens: actual.cachedPromptTokens,
      cacheLookups: actual.cacheLookups,
      cacheHits: actual.cacheHits,
      routedCalls: actual.routedCalls,
      judgedCalls: actual.judgedCalls,
    },
    where,
  ).toEqual({
    totalCalls: ref.totalCalls,
    errorCalls: ref.errorCalls,
    promptTokens: ref.promptTokens,
    completionTokens: ref.completionTokens,
    cachedPromptTokens: ref.cachedPromptTokens,
    cacheLookups: ref.cacheLookups,
    cacheHits: ref.cacheHits,
    routedCalls: ref.routedCalls,
    judgedCalls: ref.judgedCalls,
  });
  expect(actual.totalCost, `${where}: cost`).toBeCloseTo(ref.costMicros / 1e6, 9);
  expect(actual.routingSavings, `${where}: routing savings`).toBeCloseTo(ref.routingSavingsMicros / 1e6, 9);
  if (ref.totalCalls > 0)
    expect(actual.avgLatencyMs, `${where}: latency`).toBeCloseTo(ref.latencyMs / ref.totalCalls, 6);
  if (ref.judgedCalls > 0) {
    expect(actual.avgJudgeScore, `${where}: judge`).toBeCloseTo(ref.judgeTenths / 10 / ref.judgedCalls, 9);
  } else {
    expect(actual.avgJudgeScore, `${where}: judge`).toBeNull();
  }
}

/**
 * Each percentile within the histogram bucket that holds the exact one: the order statistic
 * of rank ⌈q·n⌉ (the bucket's bounds are the precision the rollups keep).
 */
function expectPercentiles(
  actual: { p50LatencyMs: number | null; p95LatencyMs: number | null; p99LatencyMs: number | null },
  calls: PlannedCall[],
  where: string,
): void {
  expectPercentile(actual.p50LatencyMs, 0.5, calls, where);
  expectPercentile(actual.p95LatencyMs, 0.95, calls, where);
  expectPercentile(actual.p99LatencyMs, 0.99, calls, where);
}

function expectPercentile(value: number | null, q: number, calls: PlannedCall[], where: string): void {
  const sorted = calls.map((c) => c.latencyMs).sort((a, b) => a - b);
  if (sorted.length === 0) {
    expect(value, `${where}: p${q * 100} of nothing`).toBeNull();
    return;
  }
  const exact = sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
  const bucket = latencyBucket(exact);
  const lower = bucket === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[bucket - 1];
  const upper = LATENCY_BUCKET_BOUNDS_MS[bucket];
  expect(value, `${where}: p${q * 100} (exact ${exact} ms)`).toBeGreaterThanOrEqual(lower);
  expect(value, `${where}: p${q * 100} (exact ${exact} ms)`).toBeLessThanOrEqual(upper);
}

/**
 * Every summed figure the pages show (Mission Control's KPIs and latency percentiles, the
 * breakdowns by model and agent, the daily series) against a plain reference computed from the calls themselves,
 * over random histories and random ranges and projects.
 */
describe.each(testDatabases())('figures against the calls, on %s', (database) => {
  it('totals, breakdowns and daily series equal the sums of the calls in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 40 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 3 }),
        async (calls, queries) => {
          const t = await createTestObservatory({ database });
          try {
            for (const c of calls) {
              t.obs.recordCall({
                projectName: c.project,
                provider: c.model.startsWith('claude') ? 'anthropic' : 'openai',
                modelName: c.model,
                agentName: c.agent,
                promptTokens: c.promptTokens,
                cachedPromptTokens: cachedOf(c),
                completionTokens: c.completionTokens,
                latencyMs: c.latencyMs,
                totalCost: c.costMicros / 1e6,
                timestamp: new Date(T0 + c.offsetMs),
                error: c.failed ? 'upstream timeout' : undefined,
                cacheMetadata: c.cache === 'none' ? undefined : { cacheHit: c.cache === 'hit' },
                routingDecision:
                  c.routingSavingsMicros === undefined
                    ? undefined
                    : {
                        chosenModel: c.model,
                        alternativeModels: ['gpt-4o'],
                        modelScores: {},
                        reasoning: 'cheapest that passes',
                        estimatedCostSavings: c.routingSavingsMicros / 1e6,
                      },
                qualityEvaluation:
                  c.judgeTenths === undefined
                    ? undefined
                    : {
                        judgeScore: c.judgeTenths / 10,
                        hallucinationFlag: false,
                        factualError: false,
                        suggestions: [],
                      },
              });
            }
            await t.obs.flush({ timeoutMs: 60_000 });
            const storage = t.obs.storage;
            for (const q of queries) {
              const filter: AggregateFilter = {
                projectName: q.project,
                from: new Date(T0 + q.fromHour * HOUR + 17 * 60_000),
                to: new Date(T0 + (q.fromHour + q.hours) * HOUR - 5 * 60_000),
              };
              const scope = inScope(calls, filter);
              const where = JSON.stringify({ project: q.project, fromHour: q.fromHour, hours: q.hours });
              const overview = await storage.getOverview(filter);
              expectTotals(overview, scope, `overview ${where}`);
              expectPercentiles(overview, scope, `overview ${where}`);

              for (const [dimension, keyOf] of [
                ['model', (c: PlannedCall) => c.model],
                ['agent', (c: PlannedCall) => c.agent ?? ''],
              ] as const) {
                const rows = await storage.getBreakdown(dimension, filter);
                const keys = [...new Set(scope.map(keyOf))].sort();
                expect(rows.map((row) => row.key).sort(), `${dimension} keys ${where}`).toEqual(keys);
                for (const row of rows) {
                  const group = scope.filter((c) => keyOf(c) === row.key);
                  expectTotals(row, group, `${dimension}=${row.key} ${where}`);
                  expectPercentiles(row, group, `${dimension}=${row.key} ${where}`);
                }
              }

              const days = await storage.getTimeSeries({ ...filter, interval: 'day' });
              const byDay = new Map<number, PlannedCall[]>();
              for (const c of scope) {
                const day = Math.floor((T0 + c.offsetMs) / DAY) * DAY;
                byDay.set(day, [...(byDay.get(day) ?? []), c]);
              }
              expect(days.map((p) => p.time).sort(), `days ${where}`).toEqual([...byDay.keys()].sort());
              for (const point of days) {
                expectTotals(point, byDay.get(point.time) ?? [], `day ${new Date(point.time).toISOString()} ${where}`);
              }

              // Hourly series per model with each hour's p95 and median (what anomaly detection reads).
              const hours = await storage.getTimeSeries({
                ...filter,
                interval: 'hour',
                groupBy: 'model',
                withP95: true,
              });
              const byHour = new Map<string, PlannedCall[]>();
              for (const c of scope) {
                const key = `${Math.floor((T0 + c.offsetMs) / HOUR) * HOUR}|${c.model}`;
                byHour.set(key, [...(byHour.get(key) ?? []), c]);
              }
              expect(hours.map((p) => `${p.time}|${p.key}`).sort(), `hours ${where}`).toEqual(
                [...byHour.keys()].sort(),
              );
              for (const point of hours) {
                const group = byHour.get(`${point.time}|${point.key}`) ?? [];
                const at = `hour ${new Date(point.time).toISOString()} model=${point.key} ${where}`;
                expectTotals(point, group, at);
                expectPercentile(point.p95LatencyMs ?? null, 0.95, group, at);
                expectPercentile(point.p50LatencyMs ?? null, 0.5, group, at);
              }
            }
          } finally {
            await t.cleanup();
          }
        },
      ),
      {
        numRuns: database === 'postgres' ? 10 : 40,
        seed: 20261206,
        // The edges, always: calls in the hour before `from`, `from`'s own hour, the hour
        // holding `to`, and the hour after it.
        examples: [
          [
            [HOUR - 1, HOUR, 3 * HOUR - 1, 3 * HOUR].map((offsetMs, i) => ({
              project: i % 2 === 0 ? 'alpha' : 'beta',
              model: 'gpt-4o',
              agent: i < 2 ? 'planner' : undefined,
              promptTokens: 1000 * (i + 1),
              cachedPercent: 50,
              completionTokens: 10 * (i + 1),
              latencyMs: 100 * (i + 1),
              costMicros: 1000 * (i + 1),
              failed: i === 3,
              cache: i === 0 ? 'hit' : 'miss',
              routingSavingsMicros: i === 1 ? 500 : undefined,
              judgeTenths: i === 2 ? 85 : undefined,
              offsetMs,
            })),
            [
              { fromHour: 1, hours: 2, project: undefined },
              { fromHour: 1, hours: 2, project: 'alpha' },
            ],
          ],
        ],
      },
    );
  }, 240_000);
});
