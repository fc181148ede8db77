import { latencyBucket } from '../latency-buckets.js';
import type { LLMCall } from '../models.js';
import { type CallRollup, ROLLUP_MEASURE_FIELDS, type RollupKey } from './call-rollup.entity.js';
import type { LatencyRollup } from './latency-rollup.entity.js';

const HOUR_MS = 3_600_000;

export interface RollupDeltas {
  rollups: CallRollup[];
  latency: LatencyRollup[];
}

/**
 * Sum calls into rollup rows (one per project, hour, model, agent, operation) and latency
 * histogram rows. `sign` -1 produces the rows that take calls back out, for pruning.
 */
export function buildRollupDeltas(calls: Iterable<RollupSource>, sign: 1 | -1 = 1): RollupDeltas {
  const rollups = new Map<string, CallRollup>();
  const latency = new Map<string, LatencyRollup>();
  for (const call of calls) {
    const key = rollupKeyOf(call);
    const id = `${key.projectName}\u0000${key.hourStart}\u0000${key.provider}\u0000${key.modelName}\u0000${key.agentName}\u0000${key.operationName}`;
    let row = rollups.get(id);
    if (!row) {
      row = { ...key, ...emptyMeasures() };
      rollups.set(id, row);
    }
    addCall(row, call, sign);

    const bucket = latencyBucket(call.latencyMs);
    const latencyId = `${id}\u0000${bucket}`;
    const histogramRow = latency.get(latencyId);
    if (histogramRow) histogramRow.calls += sign;
    else latency.set(latencyId, { ...key, bucket, calls: sign });
  }
  return { rollups: [...rollups.values()], latency: [...latency.values()] };
}

/** The fields of a call that rollups read. */
export type RollupSource = Pick<
  LLMCall,
  | 'projectName'
  | 'timestamp'
  | 'provider'
  | 'modelName'
  | 'agentName'
  | 'operationName'
  | 'promptTokens'
  | 'completionTokens'
  | 'cachedPromptTokens'
  | 'cacheWriteTokens'
  | 'reasoningTokens'
  | 'totalCost'
  | 'costSource'
  | 'usageSource'
  | 'latencyMs'
  | 'ttftMs'
  | 'error'
  | 'cacheMetadata'
  | 'routingDecision'
  | 'qualityEvaluation'
>;

function rollupKeyOf(call: RollupSource): RollupKey {
  const time = call.timestamp.getTime();
  return {
    projectName: call.projectName,
    hourStart: time - (((time % HOUR_MS) + HOUR_MS) % HOUR_MS),
    provider: call.provider,
    modelName: call.modelName,
    agentName: call.agentName ?? '',
    operationName: call.operationName ?? '',
  };
}

function addCall(row: CallRollup, call: RollupSource, sign: number): void {
  row.calls += sign;
  row.errorCalls += call.error ? sign : 0;
  row.promptTokens += sign * call.promptTokens;
  row.completionTokens += sign * call.completionTokens;
  row.cachedPromptTokens += sign * call.cachedPromptTokens;
  row.cacheWriteTokens += sign * call.cacheWriteTokens;
  row.reasoningTokens += sign * call.reasoningTokens;
  row.totalCost += sign * call.totalCost;
  row.unpricedCalls += call.costSource === 'unknown' ? sign : 0;
  row.estimatedUsageCalls += call.usageSource === 'estimated' ? sign : 0;
  row.latencySumMs += sign * call.latencyMs;
  if (call.ttftMs != null) {
    row.ttftSumMs += sign * call.ttftMs;
    row.ttftCalls += sign;
  }
  if (call.cacheMetadata) {
    row.cacheLookups += sign;
    row.cacheHits += call.cacheMetadata.cacheHit ? sign : 0;
  }
  if (call.routingDecision) {
    row.routedCalls += sign;
    row.routingSavings += sign * (call.routingDecision.estimatedCostSavings ?? 0);
  }
  if (call.qualityEvaluation) {
    row.judgedCalls += sign;
    row.judgeScoreSum += sign * call.qualityEvaluation.judgeScore;
    row.judgeScoreSqSum += sign * call.qualityEvaluation.judgeScore ** 2;
    row.hallucinations += call.qualityEvaluation.hallucinationFlag ? sign : 0;
    row.factualErrors += call.qualityEvaluation.factualError ? sign : 0;
  }
}

function emptyMeasures(): Omit<CallRollup, keyof RollupKey> {
  const measures = {} as Record<(typeof ROLLUP_MEASURE_FIELDS)[number], number>;
  for (const field of ROLLUP_MEASURE_FIELDS) measures[field] = 0;
  return measures;
}
