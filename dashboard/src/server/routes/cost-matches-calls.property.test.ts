import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostResponse } from '../../shared/api-types.js';
import {
  cachedOf,
  DAY,
  edgeCalls,
  edgeQueries,
  firstDayOf,
  getJson,
  HOUR,
  inHours,
  lateProject,
  NOW,
  type PlannedCall,
  type PlannedQuery,
  pathOf,
  plannedCall,
  plannedQuery,
  rangeOf,
  timeOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';
import { referenceT975 } from '../../test-support/reference-statistics.js';

/** List prices, US dollars per million input tokens and per million cached input tokens (OpenAI's and Anthropic's price pages). */
const INPUT_PRICES: Record<string, { input: number; cached: number }> = {
  'gpt-4o': { input: 2.5, cached: 1.25 },
  'gpt-4o-mini': { input: 0.15, cached: 0.075 },
  'claude-sonnet-4-5': { input: 3, cached: 0.3 },
};

const sumMicros = (calls: readonly PlannedCall[], f: (c: PlannedCall) => number) =>
  calls.reduce((total, c) => total + f(c), 0);
const dayOf = (time: number) => Math.floor(time / DAY) * DAY;

/**
 * The range's length in days (`spanDays`): from `from`, or when open-ended from the start of
 * the first day the selected project has calls, to `to` or now; at least an hour.
 */
function referenceDays(calls: readonly PlannedCall[], q: PlannedQuery): number {
  const { from, to } = rangeOf(q);
  return Math.max(1 / 24, ((to ?? NOW) - (from ?? firstDayOf(calls, q) ?? NOW)) / DAY);
}

/**
 * The daily series the forecast is fed: cost and calls per UTC day, over the range's hours
 * and at least the 14 days before its end (from the start of that day), days without calls
 * absent.
 */
function referenceDaily(calls: readonly PlannedCall[], q: PlannedQuery) {
  const { from, to } = rangeOf(q);
  const end = to ?? NOW;
  const lookback = dayOf(Math.min(from ?? 0, end - 14 * DAY));
  const scope = inHours(calls, { ...q, window: { range: 'all' } }).filter(
    (c) => timeOf(c) >= lookback && (to === undefined || timeOf(c) < Math.ceil(to / HOUR) * HOUR),
  );
  const byDay = new Map<number, { day: number; costMicros: number; calls: number }>();
  for (const c of scope) {
    const day = byDay.get(dayOf(timeOf(c))) ?? { day: dayOf(timeOf(c)), costMicros: 0, calls: 0 };
    day.costMicros += c.costMicros;
    day.calls++;
    byDay.set(day.day, day);
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/**
 * The forecast (`CostForecast`): fitted on complete days only, those that ended by now and
 * by the range's end, from the first such day with calls to the last one, a day without
 * calls counting $0; the run-rate is the mean of the last (up to) seven; the simple forecast
 * is run-rate × horizon, with the textbook 95% prediction ranges for one new day
 * (mean ± t·s·√(1 + 1/n)) and for the sum of h new days (h·mean ± t·s·√(h + h²/n)); the
 * advanced one is the least-squares line through the history (below two weeks no weekday
 * pattern), extended over the horizon, never below $0 a day.
 */
function referenceForecast(daily: ReturnType<typeof referenceDaily>, q: PlannedQuery, horizon: number) {
  const clock = Math.min(NOW, rangeOf(q).to ?? NOW);
  const complete = daily.filter((d) => d.day + DAY <= clock);
  if (complete.length === 0) return null;
  const costs = new Map(complete.map((d) => [d.day, d.costMicros / 1e6]));
  const history: Array<{ day: number; cost: number }> = [];
  for (let day = complete[0].day; day + DAY <= clock; day += DAY) history.push({ day, cost: costs.get(day) ?? 0 });
  const recent = history.slice(-7).map((d) => d.cost);
  const n = recent.length;
  const runRate = recent.reduce((a, b) => a + b, 0) / n;
  let day = { low: runRate, high: runRate };
  let total = { total: runRate * horizon, low: runRate * horizon, high: runRate * horizon };
  if (n >= 2) {
    const s = Math.sqrt(recent.reduce((a, c) => a + (c - runRate) ** 2, 0) / (n - 1));
    const t = referenceT975(n - 1);
    const dayHalf = t * s * Math.sqrt(1 + 1 / n);
    const totalHalf = t * s * Math.sqrt(horizon + (horizon * horizon) / n);
    day = { low: Math.max(0, runRate - dayHalf), high: runRate + dayHalf };
    total = { total: runRate * horizon, low: Math.max(0, total.total - totalHalf), high: total.total + totalHalf };
  }
  let advanced: { slopePerDay: number; total: number; days: number[] } | null = null;
  if (history.length >= 5 && history.length < 14) {
    const ys = history.map((d) => d.cost);
    const meanX = (ys.length - 1) / 2;
    const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope =
      ys.reduce((a, y, x) => a + (x - meanX) * (y - meanY), 0) / ys.reduce((a, _, x) => a + (x - meanX) ** 2, 0);
    const days = Array.from({ length: horizon }, (_, i) => history.length + i);
    advanced = {
      slopePerDay: slope,
      total: days.reduce((a, x) => a + Math.max(0, meanY + slope * (x - meanX)), 0),
      days: days.map((x) => history[0].day + x * DAY),
    };
  }
  return { history, runRate, day, total, advanced };
}

/**
 * Response-cache savings (`priceCacheHits`, README): each hit is worth the average cost of a
 * miss (a call the cache did not answer) of its agent and model; when that pair has no miss
 * in range, the agent's average miss over its models, then the model's over its agents, then
 * every call's; unpriced when nothing in range missed.
 */
function referenceCacheSavings(scope: readonly PlannedCall[]) {
  const averageMiss = (group: readonly PlannedCall[]) => {
    const misses = group.filter((c) => c.cache !== 'hit');
    return misses.length > 0 ? sumMicros(misses, (c) => c.costMicros) / misses.length / 1e6 : null;
  };
  const agentOf = (c: PlannedCall) => c.agent ?? '';
  const pricedBy = { agentModel: 0, agent: 0, model: 0, all: 0, unpriced: 0 };
  let dollars = 0;
  for (const hit of scope.filter((c) => c.cache === 'hit')) {
    const choices = [
      ['agentModel', averageMiss(scope.filter((c) => agentOf(c) === agentOf(hit) && c.model === hit.model))],
      ['agent', averageMiss(scope.filter((c) => agentOf(c) === agentOf(hit)))],
      ['model', averageMiss(scope.filter((c) => c.model === hit.model))],
      ['all', averageMiss(scope)],
    ] as const;
    const [basis, price] = choices.find(([, value]) => value !== null) ?? ['unpriced', 0];
    pricedBy[basis]++;
    dollars += price ?? 0;
  }
  return { dollars, pricedBy };
}

/** Provider prompt caching saved the difference between the full and the cached input price on every cached token. */
function referencePromptCacheSavings(scope: readonly PlannedCall[]): number {
  return scope.reduce((total, c) => {
    const price = INPUT_PRICES[c.model];
    return total + (cachedOf(c) * (price.input - price.cached)) / 1e6;
  }, 0);
}

function expectCostPage(cost: CostResponse, calls: readonly PlannedCall[], q: PlannedQuery, horizon: number) {
  const where = JSON.stringify(q);
  const scope = inHours(calls, q);
  expect(cost.totals.totalCalls, `${where}: calls`).toBe(scope.length);
  expect(cost.totals.totalCost, `${where}: spend in range`).toBeCloseTo(sumMicros(scope, (c) => c.costMicros) / 1e6, 9);
  expect(cost.range.days, `${where}: days`).toBeCloseTo(referenceDays(calls, q), 9);

  const daily = referenceDaily(calls, q);
  expect(
    cost.daily.map((d) => ({ day: d.day, calls: d.calls })),
    `${where}: the daily series the forecast is fed`,
  ).toEqual(daily.map((d) => ({ day: d.day, calls: d.calls })));
  cost.daily.forEach((d, i) => {
    expect(d.cost, `${where}: cost of ${new Date(d.day).toISOString()}`).toBeCloseTo(daily[i].costMicros / 1e6, 9);
  });

  const forecast = referenceForecast(daily, q, horizon);
  if (forecast === null) {
    expect(cost.forecast, `${where}: no complete day, no forecast`).toBeNull();
  } else {
    const actual = cost.forecast;
    expect(actual, `${where}: forecast`).not.toBeNull();
    if (!actual) return;
    expect(actual.horizonDays).toBe(horizon);
    expect(
      actual.history.map((d) => d.day),
      `${where}: the complete days the forecast was fitted on`,
    ).toEqual(forecast.history.map((d) => d.day));
    actual.history.forEach((d, i) => {
      expect(d.cost, `${where}: history ${new Date(d.day).toISOString()}`).toBeCloseTo(forecast.history[i].cost, 9);
    });
    expect(actual.runRatePerDay, `${where}: run-rate`).toBeCloseTo(forecast.runRate, 9);
    expect(actual.simple.total, `${where}: simple forecast`).toBeCloseTo(forecast.total.total, 7);
    expect(actual.simple.low, `${where}: simple low`).toBeCloseTo(forecast.total.low, 6);
    expect(actual.simple.high, `${where}: simple high`).toBeCloseTo(forecast.total.high, 6);
    expect(actual.simple.day.low, `${where}: one day's low`).toBeCloseTo(forecast.day.low, 7);
    expect(actual.simple.day.high, `${where}: one day's high`).toBeCloseTo(forecast.day.high, 7);
    if (forecast.advanced) {
      expect(actual.advanced?.slopePerDay, `${where}: trend`).toBeCloseTo(forecast.advanced.slopePerDay, 9);
      expect(actual.advanced?.total, `${where}: advanced forecast`).toBeCloseTo(forecast.advanced.total, 7);
      expect(actual.advanced?.points.map((p) => p.day)).toEqual(forecast.advanced.days);
    } else if (forecast.history.length < 5) {
      expect(actual.advanced, `${where}: no trend below five days`).toBeNull();
    }
  }

  const routed = scope.filter((c) => c.routing !== undefined);
  const routingDollars = sumMicros(routed, (c) => c.routing?.savingsMicros ?? 0) / 1e6;
  expect(cost.savings.routing.calls, `${where}: routed calls`).toBe(routed.length);
  expect(cost.savings.routing.dollars, `${where}: routing savings`).toBeCloseTo(routingDollars, 9);

  const responseCache = referenceCacheSavings(scope);
  expect(cost.savings.responseCache.lookups, `${where}: lookups`).toBe(scope.filter((c) => c.cache !== 'none').length);
  expect(cost.savings.responseCache.hits, `${where}: hits`).toBe(scope.filter((c) => c.cache === 'hit').length);
  expect(cost.savings.responseCache.pricedBy, `${where}: hits per basis`).toEqual(responseCache.pricedBy);
  expect(cost.savings.responseCache.dollars, `${where}: response-cache savings`).toBeCloseTo(responseCache.dollars, 9);

  const promptCache = referencePromptCacheSavings(scope);
  expect(cost.savings.promptCache.cachedTokens, `${where}: cached tokens`).toBe(sumMicros(scope, cachedOf));
  expect(cost.savings.promptCache.dollars, `${where}: prompt-cache savings`).toBeCloseTo(promptCache, 9);
  expect(cost.savings.total, `${where}: total savings`).toBeCloseTo(
    routingDollars + responseCache.dollars + promptCache,
    9,
  );
}

/** A response-cache hit, as `plannedCall` makes one. */
const HIT = { cache: 'hit', promptTokens: 0, completionTokens: 0, costMicros: 0 } as const;

const template: PlannedCall = {
  project: 'alpha',
  model: 'gpt-4o',
  agent: 'planner',
  promptTokens: 1200,
  cachedPercent: 50,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'miss',
  routing: { alternatives: ['gpt-4o-mini'], chosenScore: 80, alternativeScore: 70, savingsMicros: 300 },
  judge: undefined,
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
};

/**
 * The Cost Estimator against the calls: on random histories and ranges, the spend and the
 * range's length, the daily series the forecast is fed and the forecast's run-rate, ranges
 * and trend, and each saving (routing as the router reported it, response-cache hits priced
 * by the average miss with its fallbacks, prompt caching at list prices), computed straight
 * from the calls.
 */
describe.each(testDatabases())('the Cost Estimator against the calls, on %s', (database) => {
  it('shows the spend, forecast inputs and savings of the calls in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 60 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(7, 30, 90),
        async (calls, queries, horizon) => {
          await withPlannedStore(database, calls, async (app) => {
            for (const q of queries) {
              const cost = await getJson<CostResponse>(app, pathOf('cost', q, { horizon: String(horizon) }));
              expectCostPage(cost, calls, q, horizon);
            }
          });
        },
      ),
      {
        numRuns: database === 'postgres' ? 15 : 30,
        seed: 20261206,
        examples: [
          [
            [
              ...edgeCalls(template),
              { ...template, ...HIT, agent: 'writer', offsetMs: 9 * HOUR + 5 },
              { ...template, ...HIT, agent: undefined, model: 'claude-sonnet-4-5', offsetMs: DAY },
            ],
            edgeQueries,
            30,
          ],
          [...lateProject(template), 7],
        ],
      },
    );
  }, 300_000);
});
