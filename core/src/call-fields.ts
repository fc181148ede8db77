import type { LLMCall, Session } from './models.js';
import type { ValueKind } from './value-rules.js';

/*
 * The one table of a call's fields (and a session's). Every way a call comes in —
 * `recordCall`, HTTP ingest (POST /api/calls), OTLP (POST /v1/traces, through recordCall)
 * and `observatory import` — validates each field with the rule of its kind below, the
 * MikroORM entities take their column types from the same kinds, and exports write the
 * fields in table order. The rules themselves are in value-rules.ts, so the writer thread,
 * which needs only the columns, loads no zod. Only which fields a way in requires differs (record-input.ts,
 * parse-recorded-item.ts, stored-record-schemas.ts).
 */

/** One field: its kind, whether it may be null, and its column when not the snake_case of its name. */
export interface FieldSpec {
  kind: ValueKind;
  nullable?: true;
  column?: string;
  /** The value of a field added after records were first exported: an older record without it reads as this. */
  absentIs?: number;
}

/** A call's fields, in export order: its row in `llm_calls` and its texts in `llm_call_texts`. */
export const CALL_FIELDS = {
  id: { kind: 'id' },
  sessionId: { kind: 'id' },
  projectName: { kind: 'name' },
  timestamp: { kind: 'date' },
  provider: { kind: 'provider', column: 'model_provider' },
  modelName: { kind: 'name' },
  promptTokens: { kind: 'tokens' },
  completionTokens: { kind: 'tokens' },
  totalTokens: { kind: 'tokens' },
  cachedPromptTokens: { kind: 'tokens' },
  cacheWriteTokens: { kind: 'tokens' },
  // Added in migration 0016: exports from before it have none, read as 0.
  cacheWrite1hTokens: { kind: 'tokens', column: 'cache_write_1h_tokens', absentIs: 0 },
  reasoningTokens: { kind: 'tokens' },
  latencyMs: { kind: 'milliseconds' },
  ttftMs: { kind: 'milliseconds', nullable: true },
  totalCost: { kind: 'dollars' },
  costSource: { kind: 'costSource' },
  usageSource: { kind: 'usageSource' },
  agentName: { kind: 'label', nullable: true },
  operationName: { kind: 'label', nullable: true },
  prompt: { kind: 'text', nullable: true },
  responseText: { kind: 'text', nullable: true },
  routingDecision: { kind: 'routingDecision', nullable: true },
  cacheMetadata: { kind: 'cacheMetadata', nullable: true },
  qualityEvaluation: { kind: 'qualityEvaluation', nullable: true },
  error: { kind: 'text', nullable: true },
  finishReason: { kind: 'code', nullable: true },
  parentId: { kind: 'id', nullable: true },
  metadata: { kind: 'object', nullable: true },
  createdAt: { kind: 'date' },
} as const satisfies Record<keyof LLMCall, FieldSpec>;

/**
 * The fields kept out of the calls' rows, in `llm_call_texts` (one row, keyed by the call's
 * id, for a call that has either; migration 0017). A call's row then stays ~200 bytes
 * whatever its prompt, so reading many calls' measures never walks their texts.
 */
export const CALL_TEXT_FIELDS = {
  id: CALL_FIELDS.id,
  prompt: CALL_FIELDS.prompt,
  responseText: CALL_FIELDS.responseText,
};

/** The fields of a call's row in `llm_calls`: every field but its texts. */
export const CALL_ROW_FIELDS = Object.fromEntries(
  Object.entries(CALL_FIELDS).filter(([name]) => name === 'id' || !(name in CALL_TEXT_FIELDS)),
) as Omit<typeof CALL_FIELDS, 'prompt' | 'responseText'>;

/** The fields of `sessions`, in column order. */
export const SESSION_FIELDS = {
  id: { kind: 'id' },
  projectName: { kind: 'name' },
  operationType: { kind: 'name' },
  startTime: { kind: 'date' },
  endTime: { kind: 'date', nullable: true },
  totalCost: { kind: 'dollars' },
  totalTokens: { kind: 'tokenSum' },
  totalLlmCalls: { kind: 'count' },
  totalLatencyMs: { kind: 'milliseconds' },
  success: { kind: 'flag', nullable: true },
  error: { kind: 'text', nullable: true },
  metadata: { kind: 'object', nullable: true },
  createdAt: { kind: 'date' },
} as const satisfies Record<keyof Session, FieldSpec>;

/** A call's field names in column order: the columns of a CSV export. */
export const CALL_COLUMNS = Object.keys(CALL_FIELDS) as Array<keyof LLMCall>;
export const SESSION_COLUMNS = Object.keys(SESSION_FIELDS) as Array<keyof Session>;

/** Column name of a field: its override, else the snake_case of its name. */
export function columnOf(name: string, spec: FieldSpec): string {
  return spec.column ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The kinds whose values are numbers, booleans or JSON (how a CSV cell is read back). */
export function cellTypeOf(kind: ValueKind): 'number' | 'boolean' | 'json' | 'text' {
  if (['tokens', 'tokenSum', 'count', 'milliseconds', 'dollars'].includes(kind)) return 'number';
  if (kind === 'flag') return 'boolean';
  if (['routingDecision', 'cacheMetadata', 'qualityEvaluation', 'object'].includes(kind)) return 'json';
  return 'text';
}
