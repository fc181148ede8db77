import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmptyResponse, RouterResponse } from '../../shared/api-types.js';
import {
  DAY,
  edgeCalls,
  edgeQueries,
  getJson,
  HOUR,
  inHours,
  lateProject,
  type PlannedCall,
  type PlannedQuery,
  pathOf,
  plannedCall,
  plannedQuery,
  providerOf,
  seriesWidthOf,
  timeOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';
import { expectClose, referenceMean, referenceWilson } from '../../test-support/reference-statistics.js';

type Routed = PlannedCall & { routing: NonNullable<PlannedCall['routing']> };
const routedOf = (calls: readonly PlannedCall[]) => calls.filter((c): c is Routed => c.routing !== undefined);
const scoresOf = (calls: readonly PlannedCall[]) => calls.flatMap((c) => (c.judge ? [c.judge.tenths / 10] : []));
const costPerCall = (calls: readonly PlannedCall[]) => calls.reduce((a, c) => a + c.costMicros, 0) / calls.length / 1e6;
const countBy = <T>(items: readonly T[], keyOf: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
};

function expectRouterPage(router: RouterResponse | EmptyResponse, calls: readonly PlannedCall[], q: PlannedQuery) {
  const where = JSON.stringify(q);
  const scope = inHours(calls, q);
  const routed = routedOf(scope);
  if (routed.length === 0) {
    expect(router, `${where}: nothing routed`).toEqual({ empty: true, totalCalls: scope.length });
    return;
  }
  expect(router.empty, where).toBe(false);
  if (router.empty) return;

  // KPIs: routed calls and their share, the savings the router reported, the models it
  // chose (a routed call's model), the mean judge score over every call in range.
  const chosen = countBy(routed, (c) => c.model);
  const scores = scoresOf(scope);
  expect(router.kpis.routedCalls, `${where}: routed`).toBe(routed.length);
  expect(router.kpis.totalCalls, `${where}: calls`).toBe(scope.length);
  expect(router.kpis.routedShare, `${where}: share`).toBeCloseTo(routed.length / scope.length, 12);
  expect(router.kpis.savings, `${where}: savings`).toBeCloseTo(
    routed.reduce((a, c) => a + (c.routing.savingsMicros ?? 0), 0) / 1e6,
    9,
  );
  expect(router.kpis.modelsChosen, `${where}: models chosen`).toBe(chosen.size);
  if (scores.length === 0) expect(router.kpis.avgJudgeScore, `${where}: judge`).toBeNull();
  else expect(router.kpis.avgJudgeScore, `${where}: judge`).toBeCloseTo(referenceMean(scores).mean ?? 0, 9);

  // Distribution: each chosen model's share of the routed calls, largest first.
  expect(
    Object.fromEntries(router.distribution.map((d) => [d.model, [d.routedCalls, d.provider]])),
    `${where}: distribution`,
  ).toEqual(Object.fromEntries([...chosen].map(([model, n]) => [model, [n, providerOf(model)]])));
  for (const d of router.distribution) expect(d.share, where).toBeCloseTo(d.routedCalls / routed.length, 12);
  const sizes = router.distribution.map((d) => d.routedCalls);
  expect(sizes, `${where}: largest first`).toEqual([...sizes].sort((a, b) => b - a));

  // Trend: routed calls per chosen model and series interval.
  const width = seriesWidthOf(calls, q);
  expect(router.interval, `${where}: interval`).toBe(width === HOUR ? 'hour' : width === DAY ? 'day' : 'week');
  const trend = countBy(routed, (c) => `${Math.floor(timeOf(c) / width) * width} ${c.model}`);
  expect(
    Object.fromEntries(
      router.trend.filter((p) => p.routedCalls > 0).map((p) => [`${p.time} ${p.model}`, p.routedCalls]),
    ),
    `${where}: trend`,
  ).toEqual(Object.fromEntries(trend));

  // Matrix: every chosen model × agent its calls reached; scatter: every model in range.
  const cells = new Map<string, PlannedCall[]>();
  for (const c of scope.filter((call) => chosen.has(call.model))) {
    const key = `${c.model} / ${c.agent ?? ''}`;
    cells.set(key, [...(cells.get(key) ?? []), c]);
  }
  expect(router.matrix.map((m) => `${m.model} / ${m.column}`).sort(), `${where}: matrix cells`).toEqual(
    [...cells.keys()].sort(),
  );
  for (const cell of router.matrix) {
    const group = cells.get(`${cell.model} / ${cell.column}`) ?? [];
    const label = `${where}: cell ${cell.model} / ${cell.column}`;
    expectClose(
      cell,
      {
        calls: group.length,
        routedCalls: routedOf(group).length,
        costPerCall: costPerCall(group),
        errorRate: group.filter((c) => c.failed).length / group.length,
      },
      label,
      9,
    );
    expectClose(cell.judge, referenceMean(scoresOf(group)), `${label} judge`);
  }
  const models = [...new Set(scope.map((c) => c.model))].sort();
  expect(router.scatter.map((s) => s.model).sort(), `${where}: scatter`).toEqual(models);
  for (const point of router.scatter) {
    const group = scope.filter((c) => c.model === point.model);
    expectClose(
      point,
      {
        provider: providerOf(point.model),
        calls: group.length,
        routedCalls: routedOf(group).length,
        costPerCall: costPerCall(group),
        avgLatencyMs: group.reduce((a, c) => a + c.latencyMs, 0) / group.length,
      },
      `${where}: scatter ${point.model}`,
      9,
    );
    expectClose(point.judge, referenceMean(scoresOf(group)), `${where}: scatter ${point.model} judge`);
  }

  // The decisions (every routed call here, far below the sample's 500): how often each
  // model was a candidate and how often it won, with Wilson's interval, and its mean score.
  expect(router.sample.size, `${where}: sample`).toBe(routed.length);
  const considered = new Map<string, { considered: number; chosen: number; scores: number[] }>();
  for (const c of routed) {
    for (const model of new Set([c.model, ...c.routing.alternatives])) {
      const entry = considered.get(model) ?? { considered: 0, chosen: 0, scores: [] };
      entry.considered++;
      if (model === c.model) entry.chosen++;
      entry.scores.push(model === c.model ? c.routing.chosenScore : c.routing.alternativeScore);
      considered.set(model, entry);
    }
  }
  expect(router.considered.map((m) => m.model).sort(), `${where}: considered`).toEqual([...considered.keys()].sort());
  for (const row of router.considered) {
    const e = considered.get(row.model);
    if (!e) continue;
    const label = `${where}: considered ${row.model}`;
    expectClose(
      row,
      { considered: e.considered, chosen: e.chosen, avgScore: referenceMean(e.scores).mean ?? 0 },
      label,
      9,
    );
    expectClose(row.winRate, referenceWilson(e.chosen, e.considered), label);
  }
  const counts = router.considered.map((m) => m.considered);
  expect(counts, `${where}: most considered first`).toEqual([...counts].sort((a, b) => b - a));
  const newest = routed.map(timeOf).sort((a, b) => b - a);
  expect(
    router.examples.map((e) => e.timestamp),
    `${where}: the newest decisions`,
  ).toEqual(newest.slice(0, 25));
}

const template: PlannedCall = {
  project: 'alpha',
  model: 'gpt-4o-mini',
  agent: 'planner',
  promptTokens: 1200,
  cachedPercent: 0,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'none',
  routing: { alternatives: ['gpt-4o', 'claude-sonnet-4-5'], chosenScore: 80, alternativeScore: 70, savingsMicros: 300 },
  judge: undefined,
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
};

/**
 * The Model Router page against the calls: on random histories and ranges, routed calls,
 * their share and reported savings, the chosen-model distribution and trend, the model ×
 * agent matrix and the per-model scatter (calls, cost per call, errors, latency, judge
 * score with its interval), and the considered-vs-chosen table with Wilson's interval,
 * each computed straight from the calls' routing decisions.
 */
describe.each(testDatabases())('the Model Router page against the calls, on %s', (database) => {
  it('shows the routing decisions of the calls in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 60 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 3 }),
        async (calls, queries) => {
          await withPlannedStore(database, calls, async (app) => {
            for (const q of queries) {
              expectRouterPage(await getJson<RouterResponse | EmptyResponse>(app, pathOf('router', q)), calls, q);
            }
          });
        },
      ),
      {
        numRuns: database === 'postgres' ? 15 : 30,
        seed: 20261206,
        examples: [
          [
            edgeCalls(template).map((c, i) => ({
              ...c,
              agent: i % 3 === 0 ? undefined : c.agent,
              judge:
                i % 2 === 0
                  ? { tenths: 10 * i, hallucination: false, factualError: false, category: undefined }
                  : undefined,
            })),
            edgeQueries,
          ],
          lateProject(template),
        ],
      },
    );
  }, 300_000);
});
