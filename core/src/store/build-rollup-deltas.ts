import { latencyBucket } from '../latency-buckets.js';
import type { CallMeasures, LLMCall } from '../models.js';
import {
  type CallRollup,
  LATENCY_BUCKET_COLUMNS,
  ROLLUP_MEASURE_FIELDS,
  type RollupKey,
  type RollupMeasures,
} from './rollup-fields.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Sum calls into rollup rows (one per project, hour, model, agent, operation), each with
 * its latency histogram. `sign` -1 produces the rows that take calls back out, for pruning.
 */
export function buildRollupDeltas(calls: Iterable<RollupSource>, sign: 1 | -1 = 1): CallRollup[] {
  const rollups = new Map<string, CallRollup>();
  for (const call of calls) {
    const key = rollupKeyOf(call);
    const id = rollupId(key);
    let row = rollups.get(id);
    if (!row) {
      row = newRollup(key);
      rollups.set(id, row);
    }
    addCall(row, call, sign);
    row.latencyBuckets[latencyBucket(call.latencyMs)] += sign;
  }
  return [...rollups.values()];
}

/** The hourly deltas summed per UTC day (the daily tables' `hour_start` is the day's start). */
export function toDailyDeltas(hourly: readonly CallRollup[]): CallRollup[] {
  const rollups = new Map<string, CallRollup>();
  for (const row of hourly) {
    const dayKey = toDay(row);
    const id = rollupId(dayKey);
    let daily = rollups.get(id);
    if (!daily) {
      daily = newRollup(dayKey);
      rollups.set(id, daily);
    }
    for (const field of ROLLUP_MEASURE_FIELDS) daily[field] += row[field];
    for (let bucket = 0; bucket < row.latencyBuckets.length; bucket++)
      daily.latencyBuckets[bucket] += row.latencyBuckets[bucket];
  }
  return [...rollups.values()];
}

/** The key of the day holding this row's hour. */
function toDay(row: RollupKey): RollupKey {
  return {
    projectName: row.projectName,
    hourStart: Math.floor(row.hourStart / DAY_MS) * DAY_MS,
    provider: row.provider,
    modelName: row.modelName,
    agentName: row.agentName,
    operationName: row.operationName,
  };
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

/**
 * Zero measures, written out as one literal: rows built field by field (a loop over
 * ROLLUP_MEASURE_FIELDS) and copied with spreads had no fixed shape, and summing calls into
 * them cost the writer ~8 µs a call, most of it in allocation.
 */
export function emptyMeasures(): RollupMeasures {
  return {
    calls: 0,
    errorCalls: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalCost: 0,
    unpricedCalls: 0,
    estimatedUsageCalls: 0,
    latencySumMs: 0,
    ttftSumMs: 0,
    ttftCalls: 0,
    cacheLookups: 0,
    cacheHits: 0,
    routedCalls: 0,
    routingSavings: 0,
    judgedCalls: 0,
    judgeScoreSum: 0,
    judgeScoreSqSum: 0,
    hallucinations: 0,
    factualErrors: 0,
  };
}

/** A rollup row of this key with zero measures and an empty histogram. */
function newRollup(key: RollupKey): CallRollup {
  return Object.assign(
    {
      projectName: key.projectName,
      hourStart: key.hourStart,
      provider: key.provider,
      modelName: key.modelName,
      agentName: key.agentName,
      operationName: key.operationName,
    },
    emptyMeasures(),
    { latencyBuckets: new Array<number>(LATENCY_BUCKET_COLUMNS.length).fill(0) },
  );
}
