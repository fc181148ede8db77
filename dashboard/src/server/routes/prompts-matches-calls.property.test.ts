import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmptyResponse, PromptsResponse, PromptVariant } from '../../shared/api-types.js';
import {
  edgeCalls,
  edgeQueries,
  getJson,
  NOW,
  type PlannedCall,
  type PlannedQuery,
  pathOf,
  plannedCall,
  plannedQuery,
  providerOf,
  rangeOf,
  T0,
  timeOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';
import {
  expectClose,
  referenceMannWhitney,
  referenceMean,
  referenceWelch,
  referenceWilson,
} from '../../test-support/reference-statistics.js';

/** A planned call with its index, which names its prompt text (`prompt #i`). */
type Indexed = PlannedCall & { index: number };

/**
 * The calls the Prompt Optimizer reads: those carrying `metadata.promptVariant`, from `from`
 * (inclusive) to `to` (exclusive) as a call sample reads them, grouped by
 * `metadata.promptId` ("(default)" without one) and variant.
 */
function referenceGroups(calls: readonly PlannedCall[], q: PlannedQuery): Map<string, Map<string, Indexed[]>> {
  const { from, to } = rangeOf(q);
  const groups = new Map<string, Map<string, Indexed[]>>();
  calls.forEach((c, index) => {
    const time = timeOf(c);
    if (c.variant === undefined || (q.project !== undefined && c.project !== q.project)) return;
    if ((from !== undefined && time < from) || (to !== undefined && time >= to)) return;
    const variants = groups.get(c.promptId ?? '(default)') ?? new Map<string, Indexed[]>();
    variants.set(c.variant, [...(variants.get(c.variant) ?? []), { ...c, index }]);
    groups.set(c.promptId ?? '(default)', variants);
  });
  return groups;
}

const scoresOf = (calls: readonly PlannedCall[]) => calls.flatMap((c) => (c.judge ? [c.judge.tenths / 10] : []));

/**
 * A variant's row: calls and judged calls, mean judge score, cost and latency with their t
 * intervals, mean tokens, p95 latency (the nearest-rank order statistic ⌈0.95·n⌉), error and
 * hallucination rates (of judged calls) with Wilson's interval, routed share, models used,
 * first and last seen, and the newest call's prompt.
 */
function expectVariant(actual: PromptVariant, calls: readonly Indexed[], where: string) {
  const n = calls.length;
  const scores = scoresOf(calls);
  const latencies = calls.map((c) => c.latencyMs).sort((a, b) => a - b);
  const times = calls.map(timeOf);
  expectClose(
    actual,
    {
      calls: n,
      judged: scores.length,
      promptTokens: calls.reduce((a, c) => a + c.promptTokens, 0) / n,
      completionTokens: calls.reduce((a, c) => a + c.completionTokens, 0) / n,
      routedShare: calls.filter((c) => c.routing !== undefined).length / n,
      firstSeen: Math.min(...times),
      lastSeen: Math.max(...times),
    },
    where,
    9,
  );
  expectClose(actual.score, referenceMean(scores), `${where}: score`);
  expectClose(actual.cost, referenceMean(calls.map((c) => c.costMicros / 1e6)), `${where}: cost`, 10);
  expectClose(
    actual.latency,
    { ...referenceMean(latencies), p95: latencies[Math.ceil(0.95 * n) - 1] },
    `${where}: latency`,
    6,
  );
  expectClose(actual.errorRate, referenceWilson(calls.filter((c) => c.failed).length, n), `${where}: errors`);
  expectClose(
    actual.hallucinationRate,
    referenceWilson(calls.filter((c) => c.judge?.hallucination).length, scores.length),
    `${where}: hallucinations`,
  );
  const models = new Map<string, number>();
  for (const c of calls) models.set(c.model, (models.get(c.model) ?? 0) + 1);
  expect(Object.fromEntries(actual.models.map((m) => [m.model, [m.calls, m.share]])), `${where}: models`).toEqual(
    Object.fromEntries([...models].map(([model, k]) => [model, [k, k / n]])),
  );
  const newest = calls.filter((c) => timeOf(c) === Math.max(...times));
  expect(
    newest.map((c) => [`prompt #${c.index}`, providerOf(c.model), c.model]),
    `${where}: the newest call's prompt`,
  ).toContainEqual([actual.prompt, actual.promptProvider, actual.promptModel]);
}

function expectPromptsPage(page: PromptsResponse | EmptyResponse, calls: readonly PlannedCall[], q: PlannedQuery) {
  const where = JSON.stringify(q);
  const groups = referenceGroups(calls, q);
  if (groups.size === 0) {
    expect(page, `${where}: no variants`).toEqual({ empty: true });
    return;
  }
  expect(page.empty, where).toBe(false);
  if (page.empty) return;
  const total = [...groups.values()].flatMap((variants) => [...variants.values()]).flat().length;
  expect(page.sample.size, `${where}: sample`).toBe(total);
  expect(page.prompts.map((p) => p.promptId).sort(), `${where}: prompts`).toEqual([...groups.keys()].sort());
  const sizes = page.prompts.map((p) => p.calls);
  expect(sizes, `${where}: busiest prompt first`).toEqual([...sizes].sort((a, b) => b - a));

  for (const prompt of page.prompts) {
    const variants = groups.get(prompt.promptId) ?? new Map<string, Indexed[]>();
    const label = `${where} ${prompt.promptId}`;
    expect(prompt.calls, `${label}: calls`).toBe([...variants.values()].flat().length);
    expect(prompt.variants.map((v) => v.variant).sort(), `${label}: variants`).toEqual([...variants.keys()].sort());
    // The baseline is the variant seen first.
    const firstSeen = Math.min(...[...variants.values()].flat().map(timeOf));
    expect(Math.min(...(variants.get(prompt.baseline) ?? []).map(timeOf)), `${label}: baseline`).toBe(firstSeen);
    const baselineScores = scoresOf(variants.get(prompt.baseline) ?? []);
    for (const variant of prompt.variants) {
      const own = variants.get(variant.variant) ?? [];
      expectVariant(variant, own, `${label} ${variant.variant}`);
      // Welch's test of the variant's mean score against the baseline's.
      const welch = variant.variant === prompt.baseline ? null : referenceWelch(scoresOf(own), baselineScores);
      if (welch === null) expect(variant.vsBaseline, `${label} ${variant.variant}: no test`).toBeNull();
      else expectClose(variant.vsBaseline, welch, `${label} ${variant.variant}: vs baseline`, 5);
    }
    // Win/loss over every pair of judged calls of two variants.
    const names = [...variants.keys()];
    expect(prompt.pairs.map((p) => `${p.row} ${p.column}`).sort(), `${label}: pairs`).toEqual(
      names.flatMap((row) => names.filter((column) => column !== row).map((column) => `${row} ${column}`)).sort(),
    );
    for (const pair of prompt.pairs) {
      const reference = referenceMannWhitney(
        scoresOf(variants.get(pair.row) ?? []),
        scoresOf(variants.get(pair.column) ?? []),
      ) ?? { winRate: null, wins: 0, losses: 0, ties: 0, pairs: 0, pValue: null };
      expectClose(pair, reference, `${label}: ${pair.row} vs ${pair.column}`, 6);
    }
  }
}

const template: PlannedCall = {
  project: 'alpha',
  model: 'gpt-4o',
  agent: 'writer',
  promptTokens: 1200,
  cachedPercent: 0,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'none',
  routing: undefined,
  judge: { tenths: 70, hallucination: false, factualError: false, category: undefined },
  promptId: 'greeting',
  variant: 'A',
  offsetMs: 0,
};

/**
 * The Prompt Optimizer against the calls: on random histories and ranges, each prompt's
 * variants with their sample sizes, means and intervals (judge score, cost, latency), rates
 * with Wilson's interval, models, newest prompt text, Welch's test against the baseline and
 * the pairwise win/loss counts, each computed straight from the calls.
 */
describe.each(testDatabases())('the Prompt Optimizer against the calls, on %s', (database) => {
  it('shows the variants of the calls in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedCall, { minLength: 1, maxLength: 60 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 3 }),
        async (calls, queries) => {
          await withPlannedStore(database, calls, async (app) => {
            for (const q of queries) {
              expectPromptsPage(await getJson<PromptsResponse | EmptyResponse>(app, pathOf('prompts', q)), calls, q);
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
              ...edgeCalls(template).map((c, i) => ({
                ...c,
                variant: i % 2 === 0 ? ('A' as const) : ('B' as const),
                judge: { ...template.judge, tenths: 40 + 10 * (i % 3) } as PlannedCall['judge'],
              })),
              // Two variants whose scores do not vary: Welch's test with no spread.
              ...[0, 1, 2, 3].map((i) => ({
                ...template,
                promptId: 'summary' as const,
                variant: i < 2 ? ('A' as const) : ('B' as const),
                judge: { ...template.judge, tenths: i < 2 ? 60 : 80 } as PlannedCall['judge'],
                offsetMs: NOW - T0 - 1000 * (i + 1),
              })),
              // Twenty calls of one variant: 0.95·n is whole, the p95 is the 19th latency.
              ...Array.from({ length: 20 }, (_, i) => ({
                ...template,
                variant: 'C' as const,
                latencyMs: 100 * (i + 1),
                offsetMs: NOW - T0 - 60_000 * (i + 1),
              })),
            ],
            edgeQueries,
          ],
        ],
      },
    );
  }, 300_000);
});
