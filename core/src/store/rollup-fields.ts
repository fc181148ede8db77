/* The rollups' key and measure fields: plain data, so the writer thread loads no MikroORM. */
import { LATENCY_BUCKET_BOUNDS_MS } from '../latency-buckets.js';

/**
 * Rollup key: one row per project, hour, model, agent and operation. Missing agent or
 * operation is stored as '' (not NULL) so the key stays unique for upserts.
 */
export interface RollupKey {
  projectName: string;
  /** Start of the hour, epoch milliseconds (an integer, so bucketing is plain arithmetic on both databases). */
  hourStart: number;
  provider: string;
  modelName: string;
  agentName: string;
  operationName: string;
}

/** Additive measures of a rollup row; every dashboard aggregate is a SUM of these. */
export interface RollupMeasures {
  calls: number;
  errorCalls: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalCost: number;
  /** Calls whose model had no price (cost_source 'unknown'). */
  unpricedCalls: number;
  estimatedUsageCalls: number;
  latencySumMs: number;
  ttftSumMs: number;
  ttftCalls: number;
  cacheLookups: number;
  cacheHits: number;
  routedCalls: number;
  routingSavings: number;
  judgedCalls: number;
  judgeScoreSum: number;
  /** Sum of squared judge scores, so the dashboard can give a standard deviation and confidence interval. */
  judgeScoreSqSum: number;
  hallucinations: number;
  factualErrors: number;
}

/** A call rollup row: its measures and its latency histogram (calls per bucket of LATENCY_BUCKET_BOUNDS_MS). */
export type CallRollup = RollupKey & RollupMeasures & { latencyBuckets: number[] };

/**
 * The call rollups' histogram columns, one per latency bucket (the last is open-ended):
 * kept on the rollup row rather than as a row per bucket, so a batch upserts one row per
 * key instead of one per key and bucket (migration 0018).
 */
export const LATENCY_BUCKET_COLUMNS = Array.from(
  { length: LATENCY_BUCKET_BOUNDS_MS.length + 1 },
  (_, bucket) => `latency_bucket_${bucket}`,
);

export const ROLLUP_KEY_FIELDS = [
  'projectName',
  'hourStart',
  'provider',
  'modelName',
  'agentName',
  'operationName',
] as const satisfies readonly (keyof RollupKey)[];

export const ROLLUP_MEASURE_FIELDS = [
  'calls',
  'errorCalls',
  'promptTokens',
  'completionTokens',
  'cachedPromptTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'totalCost',
  'unpricedCalls',
  'estimatedUsageCalls',
  'latencySumMs',
  'ttftSumMs',
  'ttftCalls',
  'cacheLookups',
  'cacheHits',
  'routedCalls',
  'routingSavings',
  'judgedCalls',
  'judgeScoreSum',
  'judgeScoreSqSum',
  'hallucinations',
  'factualErrors',
] as const satisfies readonly (keyof RollupMeasures)[];
