import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JudgeCompareResponse } from '../../shared/api-types.js';
import {
  edgeCalls,
  edgeQueries,
  getJson,
  inHours,
  lateProject,
  MODELS,
  type PlannedCall,
  type PlannedQuery,
  pathOf,
  plannedCall,
  plannedQuery,
  withPlannedStore,
} from '../../test-support/planned-history.js';
import {
  expectClose,
  referenceMean,
  referenceWelch,
  referenceWilson,
} from '../../test-support/reference-statistics.js';

/** Two groups to compare: models or agents, a name without calls among them, the same one twice sometimes. */
const plannedComparison = fc.oneof(
  fc.record({
    by: fc.constant('model' as const),
    a: fc.constantFrom(...MODELS, 'gpt-5'),
    b: fc.constantFrom(...MODELS, 'gpt-5'),
  }),
  fc.record({
    by: fc.constant('agent' as const),
    a: fc.constantFrom('planner', 'writer', 'nobody'),
    b: fc.constantFrom('planner', 'writer', 'nobody'),
  }),
);
type Comparison = typeof plannedComparison extends fc.Arbitrary<infer T> ? T : never;

/** One side: its calls in range, their judge scores with the t interval, the hallucination rate, the cost per call. */
function referenceSide(calls: readonly PlannedCall[], name: string) {
  const judged = calls.flatMap((c) => (c.judge === undefined ? [] : [c.judge]));
  return {
    scores: judged.map((j) => j.tenths / 10),
    expected: {
      name,
      hallucinations: referenceWilson(judged.filter((j) => j.hallucination).length, judged.length),
      costPerCall: calls.length > 0 ? calls.reduce((a, c) => a + c.costMicros, 0) / calls.length / 1e6 : null,
    },
  };
}

function expectComparison(
  actual: JudgeCompareResponse,
  calls: readonly PlannedCall[],
  q: PlannedQuery,
  comparison: Comparison,
) {
  const where = `${JSON.stringify(q)} ${JSON.stringify(comparison)}`;
  const scope = inHours(calls, q);
  const keyOf = (c: PlannedCall) => (comparison.by === 'model' ? c.model : c.agent);
  const a = referenceSide(
    scope.filter((c) => keyOf(c) === comparison.a),
    comparison.a,
  );
  const b = referenceSide(
    scope.filter((c) => keyOf(c) === comparison.b),
    comparison.b,
  );
  expect(actual.by, where).toBe(comparison.by);
  for (const [side, reference] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const got = actual[side];
    expect(got.name, `${where} ${side}: name`).toBe(reference.expected.name);
    expectClose(got.score, referenceMean(reference.scores), `${where} ${side}: score`);
    expectClose(got.hallucinations, reference.expected.hallucinations, `${where} ${side}: hallucinations`);
    if (reference.expected.costPerCall === null) expect(got.costPerCall, `${where} ${side}: no calls`).toBeNull();
    else expect(got.costPerCall, `${where} ${side}: cost per call`).toBeCloseTo(reference.expected.costPerCall, 9);
  }
  const welch = referenceWelch(a.scores, b.scores);
  if (welch === null) expect(actual.test, `${where}: no test below two scores a side`).toBeNull();
  else expectClose(actual.test, welch, `${where}: Welch's test`, 5);
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
  judge: { tenths: 85, hallucination: false, factualError: false, category: undefined },
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
};

/** The edge calls, alternately on each model and agent, with scores 0.5, 1.5, … and every third hallucinating. */
const edgeHistory = edgeCalls(template).map((c, i) => ({
  ...c,
  model: i % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
  agent: i % 4 < 2 ? 'planner' : 'writer',
  judge: { ...template.judge, tenths: 10 * i + 5, hallucination: i % 3 === 0 } as PlannedCall['judge'],
})) as PlannedCall[];

/** Two groups whose scores are all equal: no spread, so no standard error. */
const flatHistory: PlannedCall[] = [0, 1, 2, 3].map((i) => ({
  ...template,
  model: i < 2 ? 'gpt-4o' : 'gpt-4o-mini',
  judge: { ...template.judge, tenths: i < 2 ? 73 : 85 } as PlannedCall['judge'],
  offsetMs: i * 3_600_000,
}));

/**
 * The judge's A/B comparison against the calls: on random histories, ranges and pairs of
 * models or agents, each side's judged calls, mean score with its t interval, hallucination
 * rate with Wilson's interval and cost per call, and Welch's test of the difference (t,
 * Welch–Satterthwaite degrees of freedom, the interval, the two-sided p-value), each computed
 * straight from the calls' verdicts.
 */
describe.each(testDatabases())('the judge comparison against the calls, on %s', (database) => {
  it("compares two groups' verdicts in range with Welch's test", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(plannedQuery, plannedComparison), { minLength: 1, maxLength: 3 }),
        async (calls, queries) => {
          await withPlannedStore(database, calls, async (app) => {
            for (const [q, comparison] of queries) {
              const path = pathOf('judge/compare', q, comparison);
              expectComparison(await getJson<JudgeCompareResponse>(app, path), calls, q, comparison);
            }
          });
        },
      ),
      {
        numRuns: database === 'postgres' ? 10 : 30,
        seed: 20261206,
        examples: [
          [
            edgeHistory,
            edgeQueries.flatMap((q) => [
              [q, { by: 'model', a: 'gpt-4o', b: 'gpt-4o-mini' }] as [PlannedQuery, Comparison],
              [q, { by: 'agent', a: 'planner', b: 'writer' }] as [PlannedQuery, Comparison],
            ]),
          ],
          [
            flatHistory,
            [
              [
                { project: undefined, window: { range: 'all' } },
                { by: 'model', a: 'gpt-4o', b: 'gpt-4o-mini' },
              ],
              [
                { project: undefined, window: { range: 'all' } },
                { by: 'model', a: 'gpt-4o', b: 'gpt-4o' },
              ],
            ],
          ],
          [
            lateProject(template)[0],
            lateProject(template)[1].map((q): [PlannedQuery, Comparison] => [
              q,
              { by: 'agent', a: 'planner', b: 'nobody' },
            ]),
          ],
        ],
      },
    );
  }, 300_000);
});
