import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CacheResponse, EmptyResponse } from '../../shared/api-types.js';
import {
  DAY,
  edgeCalls,
  edgeQueries,
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
  rangeDaysOf,
  seriesWidthOf,
  T0,
  timeOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';
import { expectClose, referenceWilson } from '../../test-support/reference-statistics.js';

/** Short questions of different words (too short to form a template), each asked again and again. */
const SENTENCES = [
  'What is your refund policy?',
  'How do I reset my password?',
  'Which plan includes single sign-on?',
  'Translate good morning into French.',
] as const;
/** A prompt longer than the start and end the route reads (1,000 characters each): its middle is unread. */
const LONG_HEAD = 'You answer questions for the billing team, citing the policy that applies. '.repeat(15);
const LONG_TAILS = ['Question: can a yearly plan be refunded?', 'Question: who approves an invoice dispute?'] as const;

/**
 * What a call asks. The reference knows which asks are one request, as `clusterPrompts`
 * documents it (the same words in the same order, case and punctuation aside, at most one
 * number different, transitively), without clustering anything:
 * - `fixed`: one of SENTENCES, maybe shouted (upper case, other punctuation): the same request;
 * - `order`: one sentence with one number: one request whatever the number;
 * - `pair`: one sentence with two numbers: one request with those whose numbers differ in one
 *   place at most, and with theirs in turn (1,1 – 1,2 – 2,2 are one; 1,2 and 2,1 alone are two);
 * - `long`: a prompt of over 2,000 characters: the same text is one request, another middle
 *   (a different length) or another end is another;
 * - `unique`: a question no other call asks; `none`: no prompt recorded (not sampled).
 */
const plannedAsk = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('fixed' as const), sentence: fc.nat(3), loud: fc.boolean() }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('order' as const), order: fc.constantFrom(17, 42, 4411) }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('pair' as const), a: fc.constantFrom(1, 2), b: fc.constantFrom(1, 2) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('long' as const), middle: fc.constantFrom(300, 340), tail: fc.nat(1) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('unique' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('none' as const) }), weight: 1 },
);
type Ask = typeof plannedAsk extends fc.Arbitrary<infer T> ? T : never;
type AskingCall = PlannedCall & { ask: Ask };

const askingCall = fc.tuple(plannedCall, plannedAsk).map(([c, ask]): AskingCall => ({ ...c, ask }));

/** A word of letters only that names a number (0 → "a", 26 → "ba"). */
function lettersOf(n: number): string {
  let word = '';
  do {
    word = String.fromCharCode(97 + (n % 26)) + word;
    n = Math.floor(n / 26);
  } while (n > 0);
  return word;
}

function promptOf(c: AskingCall, index: number): string | undefined {
  const ask = c.ask;
  switch (ask.kind) {
    case 'fixed':
      return ask.loud ? `  ${SENTENCES[ask.sentence].toUpperCase().replace(/[?.]$/, ' !!')}` : SENTENCES[ask.sentence];
    case 'order':
      return `Where is my order ${ask.order}? I placed it last week.`;
    case 'pair':
      return `Compare plan ${ask.a} with plan ${ask.b}, please.`;
    case 'long':
      return `${LONG_HEAD}${'filler '.repeat(ask.middle)}${LONG_TAILS[ask.tail]}`;
    case 'unique':
      return `Tell me about topic${lettersOf(index)}.`;
    case 'none':
      return undefined;
  }
}

type Sampled = AskingCall & { index: number };

/** The request each sampled call makes, as a key: equal keys are one request. */
function requestKeys(sampled: readonly Sampled[]): Map<Sampled, string> {
  const pairs = sampled.flatMap((c) => (c.ask.kind === 'pair' ? [[c.ask.a, c.ask.b] as const] : []));
  // A pair's request: every pair asked that it reaches through pairs one number apart; keyed by the least.
  const pairKey = (a: number, b: number) => {
    const reached = new Set([`${a},${b}`]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [x, y] of pairs) {
        const key = `${x},${y}`;
        if (reached.has(key)) continue;
        if ([...reached].some((r) => r.split(',').filter((v, i) => Number(v) !== [x, y][i]).length <= 1)) {
          reached.add(key);
          grew = true;
        }
      }
    }
    return `pair ${[...reached].sort()[0]}`;
  };
  return new Map(
    sampled.map((c) => {
      const ask = c.ask;
      switch (ask.kind) {
        case 'fixed':
          return [c, `fixed ${ask.sentence}`];
        case 'order':
          return [c, 'order'];
        case 'pair':
          return [c, pairKey(ask.a, ask.b)];
        case 'long':
          return [c, `long ${ask.middle} ${ask.tail}`];
        default:
          return [c, `unique ${c.index}`];
      }
    }),
  );
}

/**
 * The sample (`sample.size`): the newest `limit` calls with a prompt over the hours the KPIs
 * count. Null when calls sharing a time straddle its edge: which of them the store returns
 * is not defined.
 */
function referenceSample(scope: readonly Sampled[], limit: number): Sampled[] | null {
  const prompted = scope.filter((c) => c.ask.kind !== 'none').sort((a, b) => timeOf(b) - timeOf(a));
  if (prompted.length > limit && timeOf(prompted[limit - 1]) === timeOf(prompted[limit])) return null;
  return prompted.slice(0, limit);
}

/**
 * What a response cache could have served in the sample: each call repeating an earlier
 * request (`repeats`), and each request's calls the cache did not answer, all but the first
 * (`savable`, dollars: a cache pays for its first miss).
 */
function referenceRepeats(sample: readonly Sampled[]) {
  const keys = requestKeys(sample);
  const requests = new Map<string, Sampled[]>();
  for (const c of sample) {
    const key = keys.get(c) ?? '';
    requests.set(key, [...(requests.get(key) ?? []), c]);
  }
  let repeats = 0;
  let savable = 0;
  for (const same of requests.values()) {
    repeats += same.length - 1;
    const misses = same.filter((c) => c.cache !== 'hit');
    if (misses.length > 0) {
      const missCost = misses.reduce((a, c) => a + c.costMicros, 0) / 1e6;
      savable += (missCost / misses.length) * (misses.length - 1);
    }
  }
  return { repeats, savable };
}

/** |actual − expected| within `relative` of the expected value (at least of 1). */
function expectNear(actual: number, expected: number, where: string, relative = 1e-9) {
  expect(Math.abs(actual - expected), `${where}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    relative * Math.max(1, Math.abs(expected)),
  );
}

function expectCachePage(
  page: CacheResponse | (EmptyResponse & { totalCalls: number }),
  calls: readonly AskingCall[],
  q: PlannedQuery,
  limit: number,
) {
  const where = `${JSON.stringify(q)} sample ${limit}`;
  const scope = inHours(
    calls.map((c, index): Sampled => ({ ...c, index })),
    q,
  );
  const lookups = scope.filter((c) => c.cache !== 'none');
  const hits = lookups.filter((c) => c.cache === 'hit');
  if (lookups.length === 0 && scope.every((c) => c.ask.kind === 'none')) {
    expect(page, `${where}: no lookups, no prompts`).toEqual({ empty: true, totalCalls: scope.length });
    return;
  }
  expect(page.empty, where).toBe(false);
  if (page.empty) return;

  // The KPIs from the rollups: the lookups and hits in range, the hit rate with Wilson's interval.
  expect(page.kpis.lookups, `${where}: lookups`).toBe(lookups.length);
  expect(page.kpis.hits, `${where}: hits`).toBe(hits.length);
  expectClose(page.kpis.hitRate, referenceWilson(hits.length, lookups.length), `${where}: hit rate`);
  // The range's spend per month: its spend × 30 / its days.
  const spend = scope.reduce((a, c) => a + c.costMicros, 0) / 1e6;
  const monthlySpend = (spend * 30) / rangeDaysOf(calls, q);
  expectNear(page.kpis.monthlySpend, monthlySpend, `${where}: monthly spend`);

  // The timeline: each interval with calls in range, its lookups, hits and misses.
  const width = seriesWidthOf(calls, q);
  expect(page.interval, `${where}: interval`).toBe(width === HOUR ? 'hour' : width === DAY ? 'day' : 'week');
  const intervals = new Map<number, Sampled[]>();
  for (const c of scope) {
    const time = Math.floor(timeOf(c) / width) * width;
    intervals.set(time, [...(intervals.get(time) ?? []), c]);
  }
  expect(page.timeline, `${where}: timeline`).toEqual(
    [...intervals]
      .sort(([a], [b]) => a - b)
      .map(([time, group]) => {
        const looked = group.filter((c) => c.cache !== 'none').length;
        const hit = group.filter((c) => c.cache === 'hit').length;
        return { time, lookups: looked, hits: hit, misses: looked - hit };
      }),
  );

  // Per agent ('' for none) with lookups: its lookups, hits and hit rate; the costliest agent first.
  const agents = [...new Set(lookups.map((c) => c.agent ?? ''))].sort();
  expect(page.byAgent.map((a) => a.agent).sort(), `${where}: agents with lookups`).toEqual(agents);
  for (const row of page.byAgent) {
    const own = lookups.filter((c) => (c.agent ?? '') === row.agent);
    const ownHits = own.filter((c) => c.cache === 'hit').length;
    expect([row.lookups, row.hits], `${where} ${row.agent}: lookups, hits`).toEqual([own.length, ownHits]);
    expectClose(row.hitRate, referenceWilson(ownHits, own.length), `${where} ${row.agent}: hit rate`);
  }
  const agentCost = (agent: string) =>
    scope.filter((c) => (c.agent ?? '') === agent).reduce((a, c) => a + c.costMicros, 0);
  const costs = page.byAgent.map((a) => agentCost(a.agent));
  expect(costs, `${where}: costliest agent first`).toEqual([...costs].sort((a, b) => b - a));

  // The sample-based figures.
  expect(page.kpis.potentialMonthlySavings, `${where}: savings within the spend`).toBeLessThanOrEqual(
    page.kpis.monthlySpend * (1 + 1e-12),
  );
  expect(page.sample.scannedFrom, `${where}: every call in range examined`).toBeNull();
  const sample = referenceSample(scope, limit);
  expect(page.sample.size, `${where}: sample`).toBe(Math.min(limit, scope.filter((c) => c.ask.kind !== 'none').length));
  if (sample === null) return;
  const sampleCost = sample.reduce((a, c) => a + c.costMicros, 0) / 1e6;
  expectNear(page.sample.cost, sampleCost, `${where}: sample cost`);
  const { repeats, savable } = referenceRepeats(sample);
  expect(page.sample.repeatCalls, `${where}: repeats`).toBe(repeats);
  expect(page.kpis.cacheableShare, `${where}: cacheable share`).toBeCloseTo(
    sample.length > 0 ? repeats / sample.length : 0,
    12,
  );
  expectNear(
    page.kpis.potentialMonthlySavings,
    sampleCost > 0 ? (savable / sampleCost) * monthlySpend : 0,
    `${where}: potential savings`,
  );
}

/** A query and the sample size asked (`sample=`; 1,500 when absent). */
const cacheQuery = fc.record({ q: plannedQuery, limit: fc.constantFrom(1500, 50) });
type CacheQuery = typeof cacheQuery extends fc.Arbitrary<infer T> ? T : never;
const pathOfCache = ({ q, limit }: CacheQuery) => pathOf('cache', q, limit === 1500 ? {} : { sample: String(limit) });

const template: AskingCall = {
  project: 'alpha',
  model: 'gpt-4o',
  agent: 'planner',
  promptTokens: 1200,
  cachedPercent: 0,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'miss',
  routing: undefined,
  judge: undefined,
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
  ask: { kind: 'fixed', sentence: 0, loud: false },
};
/** A response-cache hit, as `plannedCall` makes one. */
const HIT = { cache: 'hit', promptTokens: 0, completionTokens: 0, costMicros: 0 } as const;

/**
 * Every kind of ask in the last day at distinct times, more than a sample of 50 holds: pairs
 * (1,2) and (2,1) alone in one project, chained through (1,1) in the other; both long
 * middles and ends; hits and calls without a lookup among the repeats.
 */
const busyDay: AskingCall[] = Array.from({ length: 58 }, (_, i): AskingCall => {
  // Each kind of ask comes every sixth call; `round` varies it between rounds.
  const round = Math.floor(i / 6);
  const pair = Math.floor(i / 12) % 2 === 0 ? ({ a: 1, b: 2 } as const) : ({ a: 2, b: 1 } as const);
  const asks: Ask[] = [
    { kind: 'fixed', sentence: round % 4, loud: round % 3 === 0 },
    { kind: 'order', order: ([17, 42, 4411] as const)[round % 3] },
    { kind: 'pair', ...pair },
    { kind: 'long', middle: i % 4 < 2 ? 300 : 340, tail: round % 2 },
    { kind: 'unique' },
    i % 12 === 5 ? { kind: 'none' } : { kind: 'unique' },
  ];
  // (1,1) at 4, 28 and 52: in alpha only (i % 4 < 2).
  const ask: Ask = i % 24 === 4 ? { kind: 'pair', a: 1, b: 1 } : asks[i % 6];
  return {
    ...template,
    ...(i % 5 === 0 ? HIT : {}),
    project: i % 4 < 2 ? 'alpha' : 'beta',
    agent: i % 7 === 0 ? undefined : i % 3 === 0 ? 'writer' : 'planner',
    cache: i % 5 === 0 ? 'hit' : i % 5 === 1 ? 'none' : 'miss',
    costMicros: i % 5 === 0 ? 0 : 1000 + 137 * i,
    offsetMs: NOW - T0 - (i + 1) * 997_003,
    ask,
  };
});

/**
 * The Cache Analyzer against the calls: on random histories and ranges, the lookups, hits and
 * hit rate with Wilson's interval, the range's spend per month, the timeline and the rows per
 * agent from the calls in range; and from the sample of the newest calls with a prompt, its
 * size and cost, the share of it repeating an earlier request and the monthly savings a
 * response cache would bring, the reference knowing which prompts are one request by
 * construction.
 */
describe.each(testDatabases())('the Cache Analyzer against the calls, on %s', (database) => {
  it('shows the lookups of the calls in range and the repeats in their sample', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(askingCall, { minLength: 1, maxLength: 60 }),
        fc.array(cacheQuery, { minLength: 1, maxLength: 3 }),
        async (calls, queries) => {
          await withPlannedStore(
            database,
            calls,
            async (app) => {
              for (const query of queries) {
                const page = await getJson<CacheResponse | (EmptyResponse & { totalCalls: number })>(
                  app,
                  pathOfCache(query),
                );
                expectCachePage(page, calls, query.q, query.limit);
              }
            },
            { prompt: promptOf },
          );
        },
      ),
      {
        numRuns: database === 'postgres' ? 10 : 25,
        seed: 20261207,
        examples: [
          [
            [
              ...edgeCalls(template).map(
                (c, i): AskingCall => ({
                  ...c,
                  ...(i % 3 === 0 ? HIT : {}),
                  ask: { kind: 'fixed', sentence: i % 2, loud: i > 3 },
                }),
              ),
              { ...template, ...HIT, agent: 'writer', offsetMs: 9 * HOUR + 5 },
              { ...template, agent: undefined, cache: 'none', offsetMs: DAY, ask: { kind: 'none' } },
            ],
            edgeQueries.map((q) => ({ q, limit: 1500 })),
          ],
          [
            lateProject(template)[0].map((c) => ({ ...c, ask: template.ask })),
            lateProject(template)[1].map((q) => ({ q, limit: 1500 })),
          ],
          [
            busyDay,
            [
              { q: { project: undefined, window: { range: '24h' } }, limit: 50 },
              { q: { project: 'alpha', window: { range: 'all' } }, limit: 1500 },
              { q: { project: 'beta', window: { range: '7d' } }, limit: 50 },
            ],
          ],
        ],
      },
    );
  }, 300_000);
});
