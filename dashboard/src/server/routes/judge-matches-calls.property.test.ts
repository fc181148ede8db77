import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmptyResponse, JudgeResponse, LeaderboardRow } from '../../shared/api-types.js';
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

type Judged = PlannedCall & { judge: NonNullable<PlannedCall['judge']> };
const scoreOf = (c: Judged) => c.judge.tenths / 10;
const judgedOf = (calls: readonly PlannedCall[]) => calls.filter((c): c is Judged => c.judge !== undefined);

/** A leaderboard row: the judged calls' mean score and hallucination rate, and the cost per call over all its calls. */
function expectLeaderboard(
  rows: LeaderboardRow[],
  scope: readonly PlannedCall[],
  keyOf: (c: PlannedCall) => string,
  where: string,
) {
  const keys = [...new Set(judgedOf(scope).map(keyOf))].sort();
  expect(rows.map((r) => r.key).sort(), `${where}: rows`).toEqual(keys);
  for (const row of rows) {
    const group = scope.filter((c) => keyOf(c) === row.key);
    const judged = judgedOf(group);
    expect(row.calls, `${where} ${row.key}: calls`).toBe(group.length);
    expect(row.costPerCall, `${where} ${row.key}: cost per call`).toBeCloseTo(
      group.reduce((a, c) => a + c.costMicros, 0) / group.length / 1e6,
      9,
    );
    expectClose(row.score, referenceMean(judged.map(scoreOf)), `${where} ${row.key}: score`);
    expectClose(
      row.hallucinationRate,
      referenceWilson(judged.filter((c) => c.judge.hallucination).length, judged.length),
      `${where} ${row.key}: hallucination rate`,
    );
  }
  const means = rows.map((r) => r.score.mean ?? 0);
  expect(means, `${where}: best first`).toEqual([...means].sort((a, b) => b - a));
}

function expectJudgePage(judge: JudgeResponse | EmptyResponse, calls: readonly PlannedCall[], q: PlannedQuery) {
  const where = JSON.stringify(q);
  const scope = inHours(calls, q);
  const judged = judgedOf(scope);
  if (judged.length === 0) {
    expect(judge, `${where}: nothing judged`).toEqual({ empty: true, totalCalls: scope.length });
    return;
  }
  expect(judge.empty, where).toBe(false);
  if (judge.empty) return;
  const scores = judged.map(scoreOf);

  // KPIs: every judged call in range; rates with Wilson's interval.
  expect(judge.kpis.judgedCalls, `${where}: judged`).toBe(judged.length);
  expect(judge.kpis.coverage, `${where}: coverage`).toBeCloseTo(judged.length / scope.length, 12);
  expectClose(judge.kpis.score, referenceMean(scores), `${where}: mean score`);
  for (const [name, flagged] of [
    ['hallucinations', judged.filter((c) => c.judge.hallucination).length],
    ['factualErrors', judged.filter((c) => c.judge.factualError).length],
  ] as const) {
    expectClose(judge.kpis[name], { count: flagged, ...referenceWilson(flagged, judged.length) }, `${where}: ${name}`);
  }

  // The trend: each interval holding judged calls, its mean score and hallucinations.
  const width = seriesWidthOf(calls, q);
  expect(judge.interval, `${where}: interval`).toBe(width === HOUR ? 'hour' : width === DAY ? 'day' : 'week');
  const buckets = new Map<number, Judged[]>();
  for (const c of judged) {
    const time = Math.floor(timeOf(c) / width) * width;
    buckets.set(time, [...(buckets.get(time) ?? []), c]);
  }
  expect(
    judge.trend.map((p) => p.time),
    `${where}: trend points`,
  ).toEqual([...buckets.keys()].sort((a, b) => a - b));
  for (const point of judge.trend) {
    const bucket = buckets.get(point.time) ?? [];
    expectClose(
      point,
      { ...referenceMean(bucket.map(scoreOf)), hallucinations: bucket.filter((c) => c.judge.hallucination).length },
      `${where}: trend at ${new Date(point.time).toISOString()}`,
    );
  }

  expectLeaderboard(judge.leaderboards.model, scope, (c) => c.model, `${where} model`);
  expectLeaderboard(judge.leaderboards.agent, scope, (c) => c.agent ?? '', `${where} agent`);
  for (const row of judge.leaderboards.model) expect(row.provider).toBe(providerOf(row.key));

  // The sample (every judged call here, far below its 1,000): distribution, categories, extremes.
  expect(judge.sample.size, `${where}: sample`).toBe(judged.length);
  expect(judge.histogram, `${where}: scores per whole point`).toEqual(
    Array.from({ length: 11 }, (_, score) => ({
      score,
      count: judged.filter((c) => Math.floor(c.judge.tenths / 10) === score).length,
    })),
  );
  const categories = [...new Set(judged.map((c) => c.judge.category).filter((c) => c !== undefined))];
  expect(judge.errorCategories.map((e) => e.category).sort(), `${where}: categories`).toEqual(categories.sort());
  for (const entry of judge.errorCategories) {
    const group = judged.filter((c) => c.judge.category === entry.category);
    expectClose(
      entry,
      {
        count: group.length,
        share: group.length / judged.length,
        avgScore: referenceMean(group.map(scoreOf)).mean ?? 0,
      },
      `${where}: category ${entry.category}`,
    );
  }
  const counts = judge.errorCategories.map((e) => e.count);
  expect(counts, `${where}: most frequent first`).toEqual([...counts].sort((a, b) => b - a));
  const sorted = [...scores].sort((a, b) => b - a);
  expect(
    judge.best.map((e) => e.evaluation?.judgeScore),
    `${where}: best`,
  ).toEqual(sorted.slice(0, 5));
  expect(
    judge.worst.map((e) => e.evaluation?.judgeScore),
    `${where}: worst`,
  ).toEqual(sorted.slice(-5).reverse());
}

const template: PlannedCall = {
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
  judge: { tenths: 85, hallucination: true, factualError: false, category: 'wrong-fact' },
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
};

/**
 * The LLM Judge page against the calls: on random histories and ranges, the judged count,
 * coverage, mean score with its t interval, hallucination and factual-error rates with
 * Wilson's, the trend, the leaderboards per model and agent, the score distribution, error
 * categories and best/worst answers, each computed straight from the calls' verdicts.
 */
describe.each(testDatabases())('the LLM Judge page against the calls, on %s', (database) => {
  it('shows the verdicts of the calls in range, with their intervals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 60 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 3 }),
        async (calls, queries) => {
          await withPlannedStore(database, calls, async (app) => {
            for (const q of queries) {
              expectJudgePage(await getJson<JudgeResponse | EmptyResponse>(app, pathOf('judge', q)), calls, q);
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
              judge: { ...template.judge, tenths: 10 * i + 5, hallucination: i % 3 === 0 } as Judged['judge'],
            })),
            edgeQueries,
          ],
          lateProject(template),
        ],
      },
    );
  }, 300_000);
});
