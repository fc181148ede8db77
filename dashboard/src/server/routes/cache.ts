import type { CallSample } from '@observatory/core';
import { Hono } from 'hono';
import { clusterPrompts, minHashSignature, type PromptCluster, shingle } from '../analysis/cluster-prompts.js';
import { wilsonInterval } from '../analysis/statistics.js';
import type { AppContext } from '../app-context.js';
import { pickInterval, readInt, readRange, spanDays } from '../query-params.js';
import { reply } from '../reply.js';

/** MinHash bands × rows; see cluster-prompts.ts. */
const BANDS = 16;
const ROWS = 4;
/** Characters of each prompt compared: enough to tell templates apart, bounded for speed. */
const PROMPT_CHARS = 1000;
const DAY_MS = 86_400_000;
/**
 * A moving sample (new calls arrive every second on a busy store) is re-clustered at most
 * this often; in between, the last clustering and the sample it was made from are served.
 */
const RECLUSTER_MS = 10_000;

/**
 * GET /api/cache?project=&from=&to=&sample=2000&threshold=0.7 → response-cache KPIs and
 * hit/miss timeline (rollups), and near-duplicate prompt clusters over the newest `sample`
 * prompts (MinHash + LSH, similarity ≥ threshold), each scored for cacheability with the
 * dollars a cache would save. Clusters are refreshed at most every 10 s while new calls arrive.
 */
export function cacheRoutes(ctx: AppContext): Hono {
  // The last clustering, the request it answered and the sample it was made from.
  let last: {
    request: string;
    sample: string;
    at: number;
    calls: CallSample[];
    scannedFrom: Date | null;
    clusters: PromptCluster[];
  } | null = null;
  return new Hono().get('/cache', async (c) => {
    const now = ctx.now();
    const filter = readRange(c, now);
    const sampleSize = readInt(c, 'sample', { min: 50, max: 5000, fallback: 1500 });
    const threshold = readInt(c, 'threshold', { min: 50, max: 100, fallback: 70 }) / 100;
    const firstDay = filter.from ? null : await ctx.storage.getFirstDay();
    const interval = pickInterval(filter, now, firstDay);
    const [overview, series, byAgent, sample] = await Promise.all([
      ctx.storage.getOverview(filter),
      ctx.storage.getTimeSeries({ ...filter, interval }),
      ctx.storage.getBreakdown('agent', filter),
      ctx.samples.get({ ...filter, require: 'prompt', limit: sampleSize, promptChars: PROMPT_CHARS }),
    ]);
    if (sample.calls.length === 0 && overview.cacheLookups === 0) {
      return reply(c, 'GET /api/cache', { empty: true, totalCalls: overview.totalCalls });
    }

    const request = new URL(c.req.url).search;
    const sampleKey = `${sample.calls.length}:${sample.calls[0]?.id}:${sample.calls.at(-1)?.id}`;
    const stale = last?.sample !== sampleKey && now - (last?.at ?? 0) >= RECLUSTER_MS;
    if (!last || last.request !== request || stale) {
      const sets: Uint32Array[] = [];
      const signatures: Uint32Array[] = [];
      for (const call of sample.calls) {
        let entry = ctx.signatures.get(call.id);
        if (!entry) {
          const shingles = shingle(call.prompt ?? '');
          entry = { shingles, signature: minHashSignature(shingles, BANDS * ROWS) };
          ctx.signatures.set(call.id, entry);
        }
        sets.push(entry.shingles);
        signatures.push(entry.signature);
      }
      const clusters = clusterPrompts(sets, { threshold, bands: BANDS, rows: ROWS }, signatures);
      last = { request, sample: sampleKey, at: now, calls: sample.calls, scannedFrom: sample.scannedFrom, clusters };
    }
    const { calls, clusters, scannedFrom } = last;

    const times = calls.map((x) => x.timestamp.getTime());
    const sampleSpanDays = calls.length > 1 ? Math.max(1 / 24, (Math.max(...times) - Math.min(...times)) / DAY_MS) : 1;
    // A saving is the sampled calls' savable share of their cost, applied to the range's
    // spend per month: never more than that spend, and not a busy hour's rate times thirty.
    const sampleCost = calls.reduce((sum, call) => sum + call.totalCost, 0);
    const monthlySpend = (overview.totalCost * 30) / spanDays(filter, now, firstDay);
    const monthly = (dollars: number) => (sampleCost > 0 ? (dollars / sampleCost) * monthlySpend : 0);
    let clusteredCalls = 0;
    const described = clusters.map((cluster, index) => {
      const members = cluster.members.map((i) => calls[i]);
      clusteredCalls += members.length;
      return describeCluster(index, members, cluster.similarity, monthly);
    });
    described.sort((a, b) => b.monthlySavings - a.monthlySavings);

    const hitRate = wilsonInterval(overview.cacheHits, overview.cacheLookups);
    const potential = described.reduce((sum, cl) => sum + cl.monthlySavings, 0);
    const top = described.slice(0, 50);
    return reply(c, 'GET /api/cache', {
      empty: false,
      interval,
      kpis: {
        lookups: overview.cacheLookups,
        hits: overview.cacheHits,
        hitRate,
        cacheableShare: calls.length > 0 ? clusteredCalls / calls.length : 0,
        clusters: described.length,
        potentialMonthlySavings: potential,
        monthlySpend,
      },
      timeline: series.map((p) => ({
        time: p.time,
        lookups: p.cacheLookups,
        hits: p.cacheHits,
        misses: p.cacheLookups - p.cacheHits,
      })),
      byAgent: byAgent
        .filter((a) => a.cacheLookups > 0)
        .map((a) => ({
          agent: a.key,
          lookups: a.cacheLookups,
          hits: a.cacheHits,
          hitRate: wilsonInterval(a.cacheHits, a.cacheLookups),
        })),
      clusters: top,
      recommendations: recommend(top, overview.cacheLookups),
      sample: {
        size: calls.length,
        scannedFrom: scannedFrom?.getTime() ?? null,
        spanDays: sampleSpanDays,
        cost: sampleCost,
        clusteredCalls,
        threshold,
        method: `MinHash (${BANDS * ROWS} hashes) with LSH (${BANDS} bands × ${ROWS} rows) over word bigrams; pairs verified by exact Jaccard ≥ ${threshold}`,
      },
    });
  });
}

function describeCluster(
  index: number,
  members: CallSample[],
  similarity: number,
  monthly: (dollars: number) => number,
) {
  const size = members.length;
  const misses = members.filter((m) => m.cacheMetadata?.cacheHit !== true);
  const missCost = misses.reduce((sum, m) => sum + m.totalCost, 0);
  // A cache still pays for the first miss; every later near-duplicate could be served from it.
  const savable = misses.length > 0 ? missCost * (1 - 1 / misses.length) : 0;
  const lookups = members.filter((m) => m.cacheMetadata).length;
  const hits = members.length - misses.length;
  const potentialHitRate = (size - 1) / size;
  const count = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, calls: n }));
  };
  const times = members.map((m) => m.timestamp.getTime());
  return {
    id: `c${index + 1}`,
    size,
    uniquePrompts: new Set(members.map((m) => m.prompt)).size,
    similarity,
    representative: (members[0].prompt ?? '').slice(0, 400),
    examples: members.slice(1, 4).map((m) => (m.prompt ?? '').slice(0, 400)),
    agents: count(members.map((m) => m.agentName)),
    models: count(members.map((m) => m.modelName)),
    userClusterIds: count(members.map((m) => m.cacheMetadata?.cacheClusterId ?? null)).slice(0, 5),
    cost: members.reduce((sum, m) => sum + m.totalCost, 0),
    avgPromptTokens: misses.length > 0 ? misses.reduce((s, m) => s + m.promptTokens, 0) / misses.length : 0,
    lookups,
    hits,
    hitRate: lookups > 0 ? hits / lookups : null,
    cacheability: Math.round(100 * potentialHitRate * similarity),
    savable,
    monthlySavings: monthly(savable),
    firstSeen: Math.min(...times),
    lastSeen: Math.max(...times),
  };
}

type DescribedCluster = ReturnType<typeof describeCluster>;

function recommend(clusters: DescribedCluster[], lookups: number) {
  const recommendations: Array<{ title: string; detail: string; monthlySavings: number }> = [];
  for (const cluster of clusters.slice(0, 5)) {
    if (cluster.monthlySavings <= 0) continue;
    const agent = cluster.agents[0]?.name ?? 'these calls';
    const observed =
      cluster.hitRate === null
        ? 'no cache lookups recorded'
        : `your cache hits ${(cluster.hitRate * 100).toFixed(0)}% of them`;
    recommendations.push({
      title: `Cache ${agent}'s "${cluster.representative.slice(0, 60).replace(/\s+/g, ' ')}…" prompts`,
      detail: `${cluster.size} near-duplicate prompts (similarity ${(cluster.similarity * 100).toFixed(0)}%, cacheability ${cluster.cacheability}/100); ${observed}. A semantic cache keyed on this template would serve all but the first.`,
      monthlySavings: cluster.monthlySavings,
    });
  }
  if (lookups === 0 && clusters.length > 0) {
    recommendations.push({
      title: 'Record your cache lookups',
      detail:
        'Pass cacheMetadata { cacheHit, cacheKey, cacheClusterId } with each call to see real hit rates next to these estimates.',
      monthlySavings: 0,
    });
  }
  return recommendations;
}
