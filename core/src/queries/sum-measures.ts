import type { Knex } from '@mikro-orm/knex';
import { ROLLUP_MEASURE_FIELDS } from '../store/rollup-fields.js';
import { toColumn } from '../store/row-columns.js';
import { toNumber } from './filters.js';

/** SUM(...) of every rollup measure, each named as its column, as select expressions. */
export function selectSums(knex: Knex): Knex.Raw[] {
  return ROLLUP_MEASURE_FIELDS.map(toColumn).map((column) => knex.raw(`coalesce(sum(${column}), 0) as ${column}`));
}

/** Totals over a set of calls, with the derived rates the dashboard shows. */
export interface CallTotals {
  totalCalls: number;
  errorCalls: number;
  /** errorCalls / totalCalls, 0..1. */
  errorRate: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** US dollars. */
  totalCost: number;
  /** Calls whose model had no known price (counted at $0). */
  unpricedCalls: number;
  estimatedUsageCalls: number;
  avgLatencyMs: number;
  /** Mean time to first token over the calls that reported one; null if none did. */
  avgTtftMs: number | null;
  cacheLookups: number;
  cacheHits: number;
  /** cacheHits / cacheLookups, null when no lookup was recorded. */
  cacheHitRate: number | null;
  routedCalls: number;
  /** US dollars, as estimated by the user's router. */
  routingSavings: number;
  judgedCalls: number;
  /** Mean judge score (0..10) over judged calls, null if none. */
  avgJudgeScore: number | null;
  /** Sample standard deviation of judge scores, null with fewer than two judged calls. */
  judgeScoreStdDev: number | null;
  hallucinations: number;
  factualErrors: number;
}

/** Turn one row of `selectSums` into CallTotals. */
export function toCallTotals(row: Record<string, unknown> | undefined): CallTotals {
  const n = (key: string) => toNumber(row?.[key]);
  const calls = n('calls');
  const promptTokens = n('prompt_tokens');
  const completionTokens = n('completion_tokens');
  const ttftCalls = n('ttft_calls');
  const cacheLookups = n('cache_lookups');
  const judgedCalls = n('judged_calls');
  return {
    totalCalls: calls,
    errorCalls: n('error_calls'),
    errorRate: calls > 0 ? n('error_calls') / calls : 0,
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    cachedPromptTokens: n('cached_prompt_tokens'),
    cacheWriteTokens: n('cache_write_tokens'),
    reasoningTokens: n('reasoning_tokens'),
    totalCost: roundDollars(n('total_cost')),
    unpricedCalls: n('unpriced_calls'),
    estimatedUsageCalls: n('estimated_usage_calls'),
    avgLatencyMs: calls > 0 ? n('latency_sum_ms') / calls : 0,
    avgTtftMs: ttftCalls > 0 ? n('ttft_sum_ms') / ttftCalls : null,
    cacheLookups,
    cacheHits: n('cache_hits'),
    cacheHitRate: cacheLookups > 0 ? n('cache_hits') / cacheLookups : null,
    routedCalls: n('routed_calls'),
    routingSavings: roundDollars(n('routing_savings')),
    judgedCalls,
    avgJudgeScore: judgedCalls > 0 ? n('judge_score_sum') / judgedCalls : null,
    judgeScoreStdDev: sampleStdDev(judgedCalls, n('judge_score_sum'), n('judge_score_sq_sum')),
    hallucinations: n('hallucinations'),
    factualErrors: n('factual_errors'),
  };
}

/** Sums of many doubles pick up float noise; 1e-9 dollars is far below anything shown. */
function roundDollars(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function sampleStdDev(count: number, sum: number, sumOfSquares: number): number | null {
  if (count < 2) return null;
  const variance = (sumOfSquares - (sum * sum) / count) / (count - 1);
  return Math.sqrt(Math.max(0, variance));
}
