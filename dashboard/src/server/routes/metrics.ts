import { LATENCY_BUCKET_BOUNDS_MS, type MetricTotals } from '@observatory/core';
import { Hono } from 'hono';
import { Counter, Registry } from 'prom-client';
import type { AppContext } from '../app-context.js';

const LABELS = ['project', 'provider', 'model', 'agent'] as const;

/**
 * GET /metrics → Prometheus text format, built on each scrape from the rollups: calls,
 * errors, tokens by kind, cost, and a latency histogram, per project, provider, model and
 * agent. Totals are all-time, so they behave as counters (they drop only when calls are
 * pruned). Behind the same token / loopback rule as the API.
 */
export function metricsRoutes(ctx: AppContext): Hono {
  return new Hono().get('/metrics', async (c) => {
    const registry = buildRegistry(await ctx.storage.getMetricTotals());
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}

function buildRegistry(totals: MetricTotals[]): Registry {
  const registry = new Registry();
  const counter = (name: string, help: string, labelNames: readonly string[] = LABELS) =>
    new Counter({ name, help, labelNames: [...labelNames], registers: [registry] });
  const calls = counter('observatory_llm_calls_total', 'LLM calls recorded');
  const errors = counter('observatory_llm_errors_total', 'LLM calls recorded with an error');
  const tokens = counter(
    'observatory_llm_tokens_total',
    'Tokens by kind: input (all input, cache parts included), output (reasoning included), cache_read, cache_write, reasoning',
    [...LABELS, 'kind'],
  );
  const cost = counter('observatory_llm_cost_usd_total', 'Cost in US dollars');
  for (const t of totals) {
    const labels = { project: t.project, provider: t.provider, model: t.model, agent: t.agent };
    calls.inc(labels, t.calls);
    errors.inc(labels, t.errors);
    cost.inc(labels, t.cost);
    const kinds: Array<[string, number]> = [
      ['input', t.promptTokens],
      ['output', t.completionTokens],
      ['cache_read', t.cachedPromptTokens],
      ['cache_write', t.cacheWriteTokens],
      ['reasoning', t.reasoningTokens],
    ];
    for (const [kind, value] of kinds) tokens.inc({ ...labels, kind }, value);
  }
  registry.registerMetric(latencyHistogram(totals) as never);
  return registry;
}

/**
 * prom-client's Histogram can only observe single values; the rollups already hold the
 * bucket counts, so this metric hands the registry the histogram's values directly.
 */
function latencyHistogram(totals: MetricTotals[]) {
  const name = 'observatory_llm_latency_seconds';
  return {
    name,
    help: 'LLM call latency in seconds',
    type: 'histogram',
    get: async () => ({
      name,
      help: 'LLM call latency in seconds',
      type: 'histogram',
      aggregator: 'sum',
      values: totals.flatMap((t) => {
        const labels = { project: t.project, provider: t.provider, model: t.model, agent: t.agent };
        let cumulative = 0;
        const buckets = LATENCY_BUCKET_BOUNDS_MS.map((bound, i) => {
          cumulative += t.latencyBuckets.get(i) ?? 0;
          return { metricName: `${name}_bucket`, labels: { ...labels, le: bound / 1000 }, value: cumulative };
        });
        return [
          ...buckets,
          { metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: t.calls },
          { metricName: `${name}_sum`, labels, value: t.latencySumMs / 1000 },
          { metricName: `${name}_count`, labels, value: t.calls },
        ];
      }),
    }),
  };
}
