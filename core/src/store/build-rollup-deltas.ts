import { latencyBucket } from '../latency-buckets.js';
import type { CallMeasures, LLMCall } from '../models.js';
import type { LatencyRollup } from './latency-rollup.entity.js';
import { type CallRollup, ROLLUP_MEASURE_FIELDS, type RollupKey, type RollupMeasures } from './rollup-fields.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

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
    const id = rollupId(key);
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

/** The hourly deltas summed per UTC day (the daily tables' `hour_start` is the day's start). */
export function toDailyDeltas(deltas: RollupDeltas): RollupDeltas {
  const toDay = <R extends RollupKey>(row: R): R => ({
    ...row,
    hourStart: Math.floor(row.hourStart / DAY_MS) * DAY_MS,
  });
  const rollups = new Map<string, CallRollup>();
  for (const row of deltas.rollups) {
    const daily = toDay(row);
    const id = rollupId(daily);
    const sum = rollups.get(id);
    if (!sum) rollups.set(id, daily);
    else for (const field of ROLLUP_MEASURE_FIELDS) sum[field] += row[field];
  }
  const latency = new Map<string, LatencyRollup>();
  for (const row of deltas.latency) {
    const daily = toDay(row);
    const id = `${rollupId(daily)}\u0000${row.bucket}`;
    const sum = latency.get(id);
    if (!sum) latency.set(id, daily);
    else sum.calls += row.calls;
  }
  return { rollups: [...rollups.values()], latency: [...latency.values()] };
}

/** One rollup key as a map key. */
function rollupId(key: RollupKey): string {
  return `${key.projectName}\u0000${key.hourStart}\u0000${key.provider}\u0000${key.modelName}\u0000${key.agentName}\u0000${key.operationName}`;
}

/** The fields of a call that rollups read. */
export type RollupSource = CallMeasures &
  Pick<
    LLMCall,
    'projectName' | 'costSource' | 'usageSource' | 'error' | 'cacheMetadata' | 'routingDecision' | 'qualityEvaluation'
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

export function addCall(row: RollupMeasures, call: RollupSource, sign: number): void {
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

export function emptyMeasures(): RollupMeasures {
  const measures = {} as Record<(typeof ROLLUP_MEASURE_FIELDS)[number], number>;
  for (const field of ROLLUP_MEASURE_FIELDS) measures[field] = 0;
  return measures;
}
