import type { Knex } from '@mikro-orm/knex';
import { toNumber } from './filters.js';
import { latencyHistogramOf, sumLatencyBuckets } from './latency-histogram-sums.js';
import { rollupRows } from './rollup-rows.js';

/** Labels of one metrics series: who made the calls, with which model. */
export interface MetricLabels {
  project: string;
  provider: string;
  model: string;
  /** '' when calls had no agent. */
  agent: string;
}

/** All-time totals of one label set, for monotonic counters. */
export interface MetricTotals extends MetricLabels {
  calls: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** US dollars. */
  cost: number;
  latencySumMs: number;
  /** Latency histogram: bucket index → calls (bounds in LATENCY_BUCKET_BOUNDS_MS). */
  latencyBuckets: Map<number, number>;
}

/**
 * All-time totals per project, provider, model and agent, from the rollups (operation is
 * summed away to keep series few). Counters built on these only go down when calls are
 * pruned.
 */
export async function getMetricTotals(knex: Knex): Promise<MetricTotals[]> {
  const labels = ['project_name', 'model_provider', 'model_name', 'agent_name'];
  const rows: Array<Record<string, unknown>> = await rollupRows(knex, 'calls', {})
    .select(
      ...labels,
      knex.raw('sum(calls) as calls'),
      knex.raw('sum(error_calls) as errors'),
      knex.raw('sum(prompt_tokens) as prompt_tokens'),
      knex.raw('sum(completion_tokens) as completion_tokens'),
      knex.raw('sum(cached_prompt_tokens) as cached_prompt_tokens'),
      knex.raw('sum(cache_write_tokens) as cache_write_tokens'),
      knex.raw('sum(reasoning_tokens) as reasoning_tokens'),
      knex.raw('sum(total_cost) as cost'),
      knex.raw('sum(latency_sum_ms) as latency_sum_ms'),
      ...sumLatencyBuckets(knex),
    )
    .groupBy(labels);
  return rows
    .map((row) => ({
      project: String(row.project_name),
      provider: String(row.model_provider),
      model: String(row.model_name),
      agent: String(row.agent_name),
      calls: toNumber(row.calls),
      errors: toNumber(row.errors),
      promptTokens: toNumber(row.prompt_tokens),
      completionTokens: toNumber(row.completion_tokens),
      cachedPromptTokens: toNumber(row.cached_prompt_tokens),
      cacheWriteTokens: toNumber(row.cache_write_tokens),
      reasoningTokens: toNumber(row.reasoning_tokens),
      cost: toNumber(row.cost),
      latencySumMs: toNumber(row.latency_sum_ms),
      latencyBuckets: latencyHistogramOf(row),
    }))
    .filter((totals) => totals.calls > 0);
}
