import { EntitySchema } from '@mikro-orm/core';
import type { Session } from '../models.js';

/** `sessions`: one row per workflow run; totals are kept equal to the sums over its calls. */
export const SessionEntity = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: { type: 'string', primary: true, length: 128 },
    projectName: { type: 'string', length: 256 },
    operationType: { type: 'string', length: 256 },
    startTime: { type: 'datetime' },
    endTime: { type: 'datetime', nullable: true },
    totalCost: { type: 'double' },
    totalTokens: { type: 'bigint', runtimeType: 'number' },
    totalLlmCalls: { type: 'integer' },
    totalLatencyMs: { type: 'double' },
    success: { type: 'boolean', nullable: true },
    error: { type: 'text', nullable: true },
    metadata: { type: 'json', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
