import type { CallMeasures } from '../models.js';
import { toNumber } from './filters.js';

/** SQLite returns datetimes as epoch milliseconds, PostgreSQL as Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
}

/** SQLite returns JSON columns as text, PostgreSQL (jsonb) as parsed values. */
export function parseJson(value: unknown): unknown {
  if (value == null) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** A row's CALL_MEASURE_COLUMNS as the call's fields. */
export function readCallMeasures(row: Record<string, unknown>): CallMeasures {
  return {
    timestamp: toDate(row.timestamp),
    provider: String(row.model_provider),
    modelName: String(row.model_name),
    agentName: (row.agent_name as string | null) ?? null,
    operationName: (row.operation_name as string | null) ?? null,
    promptTokens: toNumber(row.prompt_tokens),
    completionTokens: toNumber(row.completion_tokens),
    cachedPromptTokens: toNumber(row.cached_prompt_tokens),
    cacheWriteTokens: toNumber(row.cache_write_tokens),
    reasoningTokens: toNumber(row.reasoning_tokens),
    latencyMs: toNumber(row.latency_ms),
    ttftMs: row.ttft_ms == null ? null : toNumber(row.ttft_ms),
    totalCost: toNumber(row.total_cost),
  };
}
