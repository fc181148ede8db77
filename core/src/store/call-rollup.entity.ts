import { EntitySchema } from '@mikro-orm/core';

import type { RollupKey, RollupMeasures } from './rollup-fields.js';

const count = { type: 'bigint', runtimeType: 'number' } as const;
const sum = { type: 'double' } as const;

/**
 * `llm_call_rollups`: hourly sums kept in the same transaction as each written batch (its
 * latency histogram columns are written and read by SQL only: LATENCY_BUCKET_COLUMNS).
 */
export const CallRollupEntity = new EntitySchema<RollupKey & RollupMeasures>({
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
