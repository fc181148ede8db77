import type { LLMCall, Session } from '@observatory/core';
import { z } from 'zod';
import type { ImportProblem } from './raw-record.js';

/** ISO 8601 with a zone, as exports write dates (`2026-01-05T10:00:00.000Z`). */
const isoDate = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const amount = z.number().nonnegative().max(1e15);
const id = z.string().min(1).max(128);
const name = z.string().max(256);
const jsonObject = z.record(z.string(), z.unknown());

/*
 * The JSON columns keep every key they were stored with (loose objects): only the fields
 * the rollups read are checked, so an import never drops what an export carried.
 */
const routingDecision = z.looseObject({
  chosenModel: z.string(),
  estimatedCostSavings: z.number().finite().optional(),
});
const cacheMetadata = z.looseObject({ cacheHit: z.boolean() });
const qualityEvaluation = z.looseObject({
  judgeScore: z.number().finite(),
  hallucinationFlag: z.boolean(),
  factualError: z.boolean(),
});

/** A call as exported: every stored field, strictly (an unknown field is an error, not dropped). */
export const callRecordSchema = z.strictObject({
  id,
  sessionId: id,
  projectName: name,
  timestamp: isoDate,
  provider: z.string().min(1).max(64),
  modelName: z.string().min(1).max(256),
  promptTokens: count,
  completionTokens: count,
  totalTokens: count,
  cachedPromptTokens: count,
  cacheWriteTokens: count,
  reasoningTokens: count,
  latencyMs: amount,
  ttftMs: amount.nullable(),
  totalCost: amount,
  costSource: z.enum(['price_table', 'custom', 'user', 'unknown']),
  usageSource: z.enum(['reported', 'estimated', 'missing']),
  agentName: name.nullable(),
  operationName: name.nullable(),
  prompt: z.string().nullable(),
  responseText: z.string().nullable(),
  routingDecision: routingDecision.nullable(),
  cacheMetadata: cacheMetadata.nullable(),
  qualityEvaluation: qualityEvaluation.nullable(),
  error: z.string().nullable(),
  finishReason: z.string().max(64).nullable(),
  parentId: id.nullable(),
  metadata: jsonObject.nullable(),
  createdAt: isoDate,
});

/** A session as exported, totals included. */
export const sessionRecordSchema = z.strictObject({
  id,
  projectName: name,
  operationType: name,
  startTime: isoDate,
  endTime: isoDate.nullable(),
  totalCost: amount,
  totalTokens: count,
  totalLlmCalls: count,
  totalLatencyMs: amount,
  success: z.boolean().nullable(),
  error: z.string().nullable(),
  metadata: jsonObject.nullable(),
  createdAt: isoDate,
});

export type ParsedRecord = { kind: 'call'; call: LLMCall } | { kind: 'session'; session: Session };

/**
 * Validate one record. `kind` picks the schema; a record without one is a call, so
 * calls-only exports (and exports from before sessions were included) import too.
 */
export function parseExportRecord(
  line: number,
  fields: Record<string, unknown>,
): { record: ParsedRecord } | { problems: ImportProblem[] } {
  const { kind = 'call', ...rest } = fields;
  if (kind !== 'call' && kind !== 'session') {
    return { problems: [{ line, field: 'kind', value: kind, message: 'must be "call" or "session"' }] };
  }
  const schema = kind === 'call' ? callRecordSchema : sessionRecordSchema;
  const result = schema.safeParse(rest);
  if (!result.success) {
    // reportInput (the rejected values) turns off zod's fast path, so only explain failures.
    const explained = schema.safeParse(rest, { reportInput: true }).error ?? result.error;
    return {
      problems: explained.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? { line, field: issue.keys.join(', '), value: rest[issue.keys[0]], message: `is not a ${kind} field` }
          : { line, field: issue.path.join('.') || '(record)', value: issue.input, message: issue.message },
      ),
    };
  }
  return {
    record: kind === 'call' ? { kind, call: result.data as LLMCall } : { kind, session: result.data as Session },
  };
}
