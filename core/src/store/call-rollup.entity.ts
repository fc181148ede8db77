import { EntitySchema } from '@mikro-orm/core';

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

export type CallRollup = RollupKey & RollupMeasures;

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

const count = { type: 'bigint', runtimeType: 'number' } as const;
const sum = { type: 'double' } as const;

/** `llm_call_rollups`: hourly sums kept in the same transaction as each written batch. */
export const CallRollupEntity = new EntitySchema<CallRollup>({
  name: 'CallRollup',
  tableName: 'llm_call_rollups',
  properties: {
    projectName: { type: 'string', primary: true, length: 256 },
    hourStart: { type: 'bigint', runtimeType: 'number', primary: true },
    provider: { type: 'string', fieldName: 'model_provider', primary: true, length: 64 },
    modelName: { type: 'string', primary: true, length: 256 },
    agentName: { type: 'string', primary: true, length: 256 },
    operationName: { type: 'string', primary: true, length: 256 },
    calls: count,
    errorCalls: count,
    promptTokens: count,
    completionTokens: count,
    cachedPromptTokens: count,
    cacheWriteTokens: count,
    reasoningTokens: count,
    totalCost: sum,
    unpricedCalls: count,
    estimatedUsageCalls: count,
    latencySumMs: sum,
    ttftSumMs: sum,
    ttftCalls: count,
    cacheLookups: count,
    cacheHits: count,
    routedCalls: count,
    routingSavings: sum,
    judgedCalls: count,
    judgeScoreSum: sum,
    judgeScoreSqSum: sum,
    hallucinations: count,
    factualErrors: count,
  },
});
