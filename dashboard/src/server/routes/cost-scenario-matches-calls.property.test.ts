import { priceCall } from '@observatory/core';
import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioResponse } from '../../shared/api-types.js';
import {
  cachedOf,
  edgeCalls,
  edgeQueries,
  getJson,
  HOUR,
  inHours,
  lateProject,
  MODELS,
  type PlannedCall,
  type PlannedQuery,
  pathOf,
  plannedCall,
  plannedQuery,
  providerOf,
  rangeDaysOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';
import { expectClose, referenceMean, referenceWelch } from '../../test-support/reference-statistics.js';

/** A scenario: an agent, a model, both or neither, repriced on a recorded model or one only the catalog knows. */
const plannedScenario = fc.record({
  agent: fc.constantFrom(undefined, 'planner', 'writer'),
  model: fc.constantFrom(undefined, ...MODELS),
  target: fc.constantFrom(...MODELS, 'claude-haiku-4-5'),
});
type Scenario = typeof plannedScenario extends fc.Arbitrary<infer T> ? T : never;

const sum = (calls: readonly PlannedCall[], f: (c: PlannedCall) => number) => calls.reduce((a, c) => a + f(c), 0);
const scoresOf = (calls: readonly PlannedCall[]) => calls.flatMap((c) => (c.judge ? [c.judge.tenths / 10] : []));

/**
 * One recorded model's calls on the target (`repriceUsage`): the group's average call (mean
 * prompt, cached and completion tokens, no cache writes recorded) priced once on the target's
 * list price, times the group's calls; pricing the summed tokens as one call would reach
 * long-context tiers no call did.
 */
function referenceRepriced(group: readonly PlannedCall[], target: string): number {
  const n = group.length;
  const average = {
    promptTokens: sum(group, (c) => c.promptTokens) / n,
    cachedPromptTokens: sum(group, cachedOf) / n,
    completionTokens: sum(group, (c) => c.completionTokens) / n,
    cacheWriteTokens: 0,
  };
  const price = priceCall(providerOf(target), target, average);
  expect(price.costSource, `${target}: a listed price`).toBe('price_table');
  return price.totalCost * n;
}

function expectScenario(actual: ScenarioResponse, calls: readonly PlannedCall[], q: PlannedQuery, s: Scenario) {
  const where = `${JSON.stringify(q)} ${JSON.stringify(s)}`;
  const inRange = inHours(calls, q);
  const scope = inRange.filter(
    (c) => (s.agent === undefined || c.agent === s.agent) && (s.model === undefined || c.model === s.model),
  );
  expect(actual.scope, `${where}: scope`).toEqual({ agent: s.agent ?? null, model: s.model ?? null, operation: null });
  expect(actual.target, `${where}: target`).toEqual({ model: s.target, provider: providerOf(s.target) });
  expect(actual.calls, `${where}: calls`).toBe(scope.length);

  const models = [...new Set(scope.map((c) => c.model))].sort();
  expect(actual.perModel.map((m) => m.model).sort(), `${where}: models`).toEqual(models);
  let projected = 0;
  for (const row of actual.perModel) {
    const group = scope.filter((c) => c.model === row.model);
    const repriced = referenceRepriced(group, s.target);
    projected += repriced;
    expect(row.calls, `${where} ${row.model}: calls`).toBe(group.length);
    expect(row.cost, `${where} ${row.model}: cost`).toBeCloseTo(sum(group, (c) => c.costMicros) / 1e6, 9);
    expect(row.projected, `${where} ${row.model}: on ${s.target}`).toBeCloseTo(repriced, 9);
  }
  const current = sum(scope, (c) => c.costMicros) / 1e6;
  const days = rangeDaysOf(calls, q);
  expect(actual.days, `${where}: days`).toBeCloseTo(days, 9);
  expect(actual.currentCost, `${where}: current cost`).toBeCloseTo(current, 9);
  expect(actual.projectedCost, `${where}: projected cost`).toBeCloseTo(projected, 9);
  expect(actual.difference, `${where}: difference`).toBeCloseTo(projected - current, 9);
  expect(actual.monthlyDifference, `${where}: per month`).toBeCloseTo(((projected - current) * 30) / days, 7);

  // Quality: the scope's verdicts against every call of the target model in range (any agent).
  const onTarget = inRange.filter((c) => c.model === s.target);
  expectClose(actual.quality.current, referenceMean(scoresOf(scope)), `${where}: current score`);
  expectClose(actual.quality.target, referenceMean(scoresOf(onTarget)), `${where}: target score`);
  const welch = referenceWelch(scoresOf(onTarget), scoresOf(scope));
  if (welch === null) expect(actual.quality.test, `${where}: no test below two scores a side`).toBeNull();
  else expectClose(actual.quality.test, welch, `${where}: target vs current`, 5);
  expect(actual.latency.currentAvgMs, `${where}: current latency`).toBeCloseTo(
    scope.length > 0 ? sum(scope, (c) => c.latencyMs) / scope.length : 0,
    6,
  );
  if (onTarget.length === 0) expect(actual.latency.targetAvgMs, `${where}: no target latency`).toBeNull();
  else
    expect(actual.latency.targetAvgMs, `${where}: target latency`).toBeCloseTo(
      sum(onTarget, (c) => c.latencyMs) / onTarget.length,
      6,
    );
}

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
  routing: undefined,
  judge: { tenths: 85, hallucination: false, factualError: false, category: undefined },
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
};

/**
 * One call far past a long-context tier (Claude Sonnet 4.5 above 200K input tokens) and
 * nine short ones: their average stays below it, their sum does not.
 */
const longAndShort: PlannedCall[] = Array.from({ length: 10 }, (_, i) => ({
  ...template,
  model: 'gpt-4o',
  promptTokens: i === 0 ? 190_000 : 2_000,
  cachedPercent: 0,
  offsetMs: i * HOUR,
}));

/**
 * The Cost Estimator's scenarios against the calls: on random histories, ranges and scopes
 * (agent, model, both, neither) repriced on each model, the scope's calls and cost per
 * model, each model's calls repriced from its average call on the target's list price
 * (core's `priceCall`), the projected cost, the difference and its monthly rate, the judge
 * scores of the scope and the target model with Welch's test, and the mean latencies.
 */
describe.each(testDatabases())('the cost scenarios against the calls, on %s', (database) => {
  it("reprices the scope's calls in range on the target model", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(plannedQuery, plannedScenario), { minLength: 1, maxLength: 3 }),
        async (calls, scenarios) => {
          await withPlannedStore(database, calls, async (app) => {
            for (const [q, s] of scenarios) {
              const extra = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Record<
                string,
                string
              >;
              expectScenario(await getJson<ScenarioResponse>(app, pathOf('cost/scenario', q, extra)), calls, q, s);
            }
          });
        },
      ),
      {
        numRuns: database === 'postgres' ? 10 : 30,
        seed: 20261206,
        examples: [
          [
            edgeCalls(template).map((c, i) => ({ ...c, model: MODELS[i % 3], agent: i % 2 ? 'writer' : 'planner' })),
            edgeQueries.map((q, i): [PlannedQuery, Scenario] => [
              q,
              { agent: i === 1 ? 'planner' : undefined, model: undefined, target: 'gpt-4o-mini' },
            ]),
          ],
          [
            longAndShort,
            [
              [
                { project: undefined, window: { range: 'all' } },
                { agent: undefined, model: 'gpt-4o', target: 'claude-sonnet-4-5' },
              ],
            ],
          ],
          [
            lateProject(template)[0],
            lateProject(template)[1].map((q): [PlannedQuery, Scenario] => [
              q,
              { agent: 'planner', model: undefined, target: 'claude-haiku-4-5' },
            ]),
          ],
        ],
      },
    );
  }, 300_000);
});
