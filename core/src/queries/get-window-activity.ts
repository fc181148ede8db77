import type { Knex } from '@mikro-orm/knex';
import type { StoreDialect } from '../store/store-dialect.js';
import { toNumber } from './filters.js';
import { toDate } from './read-row-values.js';

export interface WindowActivityQuery {
  projectName?: string;
  /** Inclusive. */
  from: Date;
  /** Width of the series' buckets, ms; buckets start at multiples of it. */
  bucketMs: number;
}

/** The calls of one bucket and agent. */
export interface WindowActivityGroup {
  /** Start of the bucket, epoch ms. */
  time: number;
  /** '' when no agent was recorded. */
  agentName: string;
  calls: number;
  errors: number;
  cost: number;
  /** Input plus output tokens. */
  tokens: number;
  latencySumMs: number;
  lastSeen: Date;
}

export interface WindowActivity {
  groups: WindowActivityGroup[];
  /** Exact p95 of the window's latencies; null without calls. */
  p95LatencyMs: number | null;
}

/**
 * A recent window's calls summed per bucket and agent, and its exact p95 latency, by the
 * database: range scans of calls by time (the failures from the partial index of migration
 * 0011; on SQLite the p95 from the index of calls by time and latency alone, migration
 * 0019), so no row crosses to JavaScript.
 */
export async function getWindowActivity(
  knex: Knex,
  dialect: StoreDialect,
  query: WindowActivityQuery,
): Promise<WindowActivity> {
  const bucketMs = Math.max(1, Math.round(query.bucketMs));
  const epochMs = dialect === 'postgresql' ? 'floor(extract(epoch from timestamp) * 1000)' : 'timestamp';
  const bucket = knex.raw(`floor(${epochMs} / ${bucketMs}) * ${bucketMs}`);
  const inWindow = () => {
    const builder = knex.from('llm_calls').where('timestamp', '>=', query.from);
    if (query.projectName !== undefined) builder.where('project_name', query.projectName);
    return builder;
  };
  const [groups, failed] = await Promise.all([
    inWindow()
      .select(
        knex.raw('? as time', [bucket]),
        knex.raw("coalesce(agent_name, '') as agent"),
        knex.raw('count(*) as calls'),
        knex.raw('sum(total_cost) as cost'),
        knex.raw('sum(prompt_tokens + completion_tokens) as tokens'),
        knex.raw('sum(latency_ms) as latency'),
        knex.raw('max(timestamp) as last_seen'),
      )
      .groupByRaw('1, 2') as Promise<Array<Record<string, unknown>>>,
    inWindow()
      .whereNotNull('error')
      .select(
        knex.raw('? as time', [bucket]),
        knex.raw("coalesce(agent_name, '') as agent"),
        knex.raw('count(*) as errors'),
      )
      .groupByRaw('1, 2') as Promise<Array<Record<string, unknown>>>,
  ]);
  const n = groups.reduce((sum, row) => sum + toNumber(row.calls), 0);
  const errors = new Map(failed.map((row) => [`${toNumber(row.time)}\u0000${row.agent}`, toNumber(row.errors)]));
  const [p95] =
    n > 0
      ? await inWindow()
          .select('latency_ms')
          .orderBy('latency_ms')
          .limit(1)
          .offset(Math.min(n - 1, Math.ceil(0.95 * n) - 1))
      : [];
  return {
    groups: groups.map((row) => ({
      time: toNumber(row.time),
      agentName: String(row.agent ?? ''),
      calls: toNumber(row.calls),
      errors: errors.get(`${toNumber(row.time)}\u0000${row.agent}`) ?? 0,
      cost: toNumber(row.cost),
      tokens: toNumber(row.tokens),
      latencySumMs: toNumber(row.latency),
      lastSeen: toDate(row.last_seen),
    })),
    p95LatencyMs: p95 ? toNumber(p95.latency_ms) : null,
  };
}
