import type { Session } from './models.js';

/** The operation of a session nobody started here: its start follows its earliest call. */
export const STUB_OPERATION = 'external';

/**
 * The row for a session that calls name but nobody started here (another process, an OTLP
 * trace, HTTP ingest, an import): open, operation 'external', starting at its first call's
 * time rather than now, since calls may arrive long after they were made.
 */
export function stubSession(id: string, projectName: string, firstCallAt: Date, createdAt = new Date()): Session {
  return {
    id,
    projectName,
    operationType: STUB_OPERATION,
    startTime: firstCallAt,
    endTime: null,
    totalCost: 0,
    totalTokens: 0,
    totalLlmCalls: 0,
    totalLatencyMs: 0,
    success: null,
    error: null,
    metadata: null,
    createdAt,
  };
}
