import { EntitySchema } from '@mikro-orm/core';
import type { RollupKey } from './rollup-fields.js';

/** One latency histogram bucket of a rollup key (see latency-buckets.ts). */
export interface LatencyRollup extends RollupKey {
  bucket: number;
  calls: number;
}

/** `llm_latency_rollups`: per-hour latency histograms, so p50/p95 never scan calls. */
export const LatencyRollupEntity = new EntitySchema<LatencyRollup>({
  name: 'LatencyRollup',
  tableName: 'llm_latency_rollups',
  properties: {
    projectName: { type: 'string', primary: true, length: 256 },
    hourStart: { type: 'bigint', runtimeType: 'number', primary: true },
    provider: { type: 'string', fieldName: 'model_provider', primary: true, length: 64 },
    modelName: { type: 'string', primary: true, length: 256 },
    agentName: { type: 'string', primary: true, length: 256 },
    operationName: { type: 'string', primary: true, length: 256 },
    bucket: { type: 'integer', primary: true },
    calls: { type: 'bigint', runtimeType: 'number' },
  },
});
