import type { CallSample } from '@observatory/core';
import { Hono } from 'hono';
import { clusterPrompts, type PromptCluster, preparePrompt } from '../analysis/cluster-prompts.js';
import { wilsonInterval } from '../analysis/statistics.js';
import type { AppContext } from '../app-context.js';
import { pickInterval, readInt, readRange, spanDays, wholeHours } from '../query-params.js';
import { reply } from '../reply.js';

/**
 * Characters read of each prompt: its start, and its end past that. When several templates
 * open with the same system prompt longer than the start, the task that tells them apart
 * lies past it; the end holds it whenever it is near the end (bench/prompt-clusters.ts:
 * ARI 0.85 reading the start only, 0.97 with the end).
 */
const PROMPT_CHARS = 1000;
const PROMPT_TAIL_CHARS = 1000;
const DAY_MS = 86_400_000;
/**
 * A moving sample (new calls arrive every second on a busy store) is re-clustered at most
 * this often; in between, the last clustering and the sample it was made from are served.
 */
const RECLUSTER_MS = 10_000;
/** Characters of a prompt shown; past a start shared with other clusters' prompts (see excerpt). */
const SHOWN_CHARS = 400;

/**
 * GET /api/cache?project=&from=&to=&sample=1500&threshold=30 → response-cache KPIs and
 * hit/miss timeline (rollups), and the prompt templates in the newest `sample` prompts
 * (see cluster-prompts.ts; `threshold`: the template similarity in percent), each with the
 * calls a response cache could have served (repeats of the same prompt) and the dollars that
 * would save. Clusters are refreshed at most every 10 s while new calls arrive.
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
    const threshold = readInt(c, 'threshold', { min: 10, max: 90, fallback: 30 }) / 100;
    // An open range starts on the selected project's first day, not on any project's.
    const firstDay = filter.from ? null : await ctx.storage.getFirstDay(filter.projectName);
    const interval = pickInterval(filter, now, firstDay);
    const [overview, series, byAgent, sample] = await Promise.all([
      ctx.storage.getOverview(filter),
      ctx.storage.getTimeSeries({ ...filter, interval }),
      ctx.storage.getBreakdown('agent', filter),
      // Over the hours the KPIs count, so both rest on the same calls.
      ctx.samples.get({
        ...wholeHours(filter),
        require: 'prompt',
        limit: sampleSize,
        promptChars: PROMPT_CHARS,
        promptTailChars: PROMPT_TAIL_CHARS,
      }),
    ]);
    if (sample.calls.length === 0 && overview.cacheLookups === 0) {
      return reply(c, 'GET /api/cache', { empty: true, totalCalls: overview.totalCalls });
    }

    const request = new URL(c.req.url).search;
    const sampleKey = `${sample.calls.length}:${sample.calls[0]?.id}:${sample.calls.at(-1)?.id}`;
    const stale = last?.sample !== sampleKey && now - (last?.at ?? 0) >= RECLUSTER_MS;
    if (!last || last.request !== request || stale) {
      const prompts = sample.calls.map((call) => preparePrompt(call.prompt ?? '', call.promptTail ?? undefined));
      const clusters = clusterPrompts(prompts, { threshold });
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
    let repeatCalls = 0;
    const described = clusters.map((cluster) => {
      const one = describeCluster(cluster, calls, monthly);
      clusteredCalls += one.size;
      repeatCalls += one.repeats;
      return one;
    });
    described.sort((a, b) => b.monthlySavings - a.monthlySavings || b.size - a.size);
    const top = showDistinctStarts(described.slice(0, 50));

    const hitRate = wilsonInterval(overview.cacheHits, overview.cacheLookups);
    const potential = described.reduce((sum, cl) => sum + cl.monthlySavings, 0);
    return reply(c, 'GET /api/cache', {
      empty: false,
      interval,
      kpis: {
        lookups: overview.cacheLookups,
        hits: overview.cacheHits,
        hitRate,
        cacheableShare: calls.length > 0 ? repeatCalls / calls.length : 0,
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
        repeatCalls,
        threshold,
        method: `Templates: prompts (their first and last ${PROMPT_CHARS.toLocaleString('en-US')} characters) linked when the word triples they share with other prompts are ≥ ${Math.round(threshold * 100)}% alike (MinHash + LSH, verified exactly), split where they fork into different tasks. Repeats, what a response cache serves: the same words in the same order, one number aside.`,
      },
    });
  });
}

/**
 * A cluster's calls by the request a response cache would key on (clusterPrompts' requests:
 * the same words in the same order, one number aside). For a prompt longer than the start and
 * end read, the unread middle must match too: its calls are also told apart by their length.
 */
function sameRequests(cluster: PromptCluster, calls: readonly CallSample[]): CallSample[][] {
  return cluster.requests.flatMap((request) => {
    const byRest = new Map<number, CallSample[]>();
    for (const i of request) {
      const call = calls[i];
      // A middle read neither at the start nor at the end must match too: by its length.
      const length = call.promptLength ?? 0;
      const rest = length > PROMPT_CHARS + PROMPT_TAIL_CHARS ? length : -1;
      const same = byRest.get(rest);
      if (same) same.push(call);
      else byRest.set(rest, [call]);
    }
    return [...byRest.values()].sort((a, b) => b.length - a.length);
  });
}

function describeCluster(cluster: PromptCluster, calls: readonly CallSample[], monthly: (dollars: number) => number) {
  const requests = sameRequests(cluster, calls);
  const members = requests.flat();
  const size = members.length;
  // A response cache pays for each request's first miss; every repeat after it could be served.
  let savable = 0;
  let repeats = 0;
  for (const same of requests) {
    repeats += same.length - 1;
    const misses = same.filter((m) => m.cacheMetadata?.cacheHit !== true);
    const missCost = misses.reduce((sum, m) => sum + m.totalCost, 0);
    if (misses.length > 0) savable += missCost * (1 - 1 / misses.length);
  }
  const misses = members.filter((m) => m.cacheMetadata?.cacheHit !== true);
  const lookups = members.filter((m) => m.cacheMetadata).length;
  const hits = members.length - misses.length;
  const count = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, calls: n }));
  };
  const times = members.map((m) => m.timestamp.getTime());
  const representative = calls[cluster.requests[0][0]].prompt ?? '';
  return {
    id: calls[cluster.requests[0][0]].id,
    size,
    uniquePrompts: cluster.requests.length,
    repeats,
    similarity: cluster.similarity,
    representative,
    // Other distinct prompts of the cluster (its template's other fills).
    examples: cluster.requests.slice(1, 4).map((r) => calls[r[0]].prompt ?? ''),
    agents: count(members.map((m) => m.agentName)),
    models: count(members.map((m) => m.modelName)),
    userClusterIds: count(members.map((m) => m.cacheMetadata?.cacheClusterId ?? null)).slice(0, 5),
    cost: members.reduce((sum, m) => sum + m.totalCost, 0),
    avgPromptTokens: misses.length > 0 ? misses.reduce((s, m) => s + m.promptTokens, 0) / misses.length : 0,
    lookups,
    hits,
    hitRate: lookups > 0 ? hits / lookups : null,
    cacheability: Math.round((100 * repeats) / size),
    savable,
    monthlySavings: monthly(savable),
    firstSeen: Math.min(...times),
    lastSeen: Math.max(...times),
  };
}

type DescribedCluster = ReturnType<typeof describeCluster>;

/**
 * Prompts cut to SHOWN_CHARS, each from where it departs from the others it opens like: the
 * representative from where it parts from the other listed clusters' (several templates may
 * open with one system prompt), an example from where it parts from its representative (so
 * the fill shows).
 */
function showDistinctStarts(clusters: DescribedCluster[]): DescribedCluster[] {
  return clusters.map((cluster) => {
    let shared = 0;
    for (const other of clusters) {
      if (other !== cluster) shared = Math.max(shared, commonStart(cluster.representative, other.representative));
    }
    return {
      ...cluster,
      representative: excerpt(cluster.representative, shared),
      examples: cluster.examples.map((e) => excerpt(e, commonStart(e, cluster.representative))),
    };
  });
}

function commonStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** SHOWN_CHARS of `text`: from its start, or from a word a little before `shared` when that is far in. */
function excerpt(text: string, shared: number): string {
  if (shared < 80 || shared >= text.length) return text.slice(0, SHOWN_CHARS);
  const from = text.lastIndexOf(' ', shared - 30) + 1;
  return `…${text.slice(from, from + SHOWN_CHARS)}`;
}

function recommend(clusters: DescribedCluster[], lookups: number) {
  const recommendations: Array<{ title: string; detail: string; monthlySavings: number }> = [];
  const quote = (cluster: DescribedCluster) => cluster.representative.slice(0, 60).replace(/\s+/g, ' ');
  for (const cluster of clusters.slice(0, 5)) {
    if (cluster.monthlySavings <= 0) continue;
    const agent = cluster.agents[0]?.name ?? 'these calls';
    const observed =
      cluster.hitRate === null
        ? 'no cache lookups recorded'
        : `your cache hits ${(cluster.hitRate * 100).toFixed(0)}% of them`;
    recommendations.push({
      title: `Cache ${agent}'s repeated "${quote(cluster)}…" prompts`,
      detail: `${cluster.repeats} of ${cluster.size} calls repeat an earlier prompt word for word (one number aside; ${cluster.uniquePrompts} distinct prompts); ${observed}. A response cache keyed on the prompt would serve every repeat after the first.`,
      monthlySavings: cluster.monthlySavings,
    });
  }
  // The costliest template whose prompts are nearly all different: prompt caching's case.
  const template = clusters
    .filter((cl) => cl.uniquePrompts >= 10 && cl.cacheability < 10)
    .sort((a, b) => b.cost - a.cost)[0];
  if (template) {
    recommendations.push({
      title: `${template.agents[0]?.name ?? 'One'} template, ${template.uniquePrompts} different fills: prompt caching, not a response cache`,
      detail: `${template.size} calls fill the template of "${quote(template)}…" with different inputs, so a response cache would serve ${template.repeats === 0 ? 'none' : `only ${template.repeats}`} of them. With the fixed text first, the provider's prompt cache can reuse it on every call (the Cost Estimator prices that).`,
      monthlySavings: 0,
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
