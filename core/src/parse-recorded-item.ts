import { z } from 'zod';
import type { LLMCall, Session } from './models.js';
import { type NormalizedUsage, normalizeUsage } from './normalize-usage.js';
import { ObservatoryValidationError } from './observatory-error.js';
import type { CallPrice } from './price-call.js';
import { callDetailFields, toValidationError, usageAndTimingFields } from './record-input.js';
import { VALUE_RULES } from './value-rules.js';
import type { WriteItem } from './write-item.js';

const rule = VALUE_RULES;

const recordedSessionSchema = z.object({
  id: rule.id,
  projectName: rule.name,
  operationType: rule.name.default('session'),
  startTime: rule.date,
  metadata: rule.object.nullish(),
  createdAt: rule.date.optional(),
});

const recordedCallSchema = z.object({
  id: rule.id,
  sessionId: rule.id,
  projectName: rule.name,
  timestamp: rule.date,
  provider: rule.provider,
  modelName: rule.name,
  ...usageAndTimingFields,
  /** Absent: priced here from the price table, as recordCall would. */
  totalCost: rule.dollars.nullish(),
  costSource: rule.costSource.optional(),
  ...callDetailFields,
  error: rule.text.nullish(),
  createdAt: rule.date.optional(),
});

/** Checked first, so an unknown kind is reported as that value rather than as the whole item. */
const kindSchema = z.object({ kind: z.enum(['session', 'stub', 'call', 'end']) });

/**
 * One item of an ingest delivery (POST /api/calls): what a remote Observatory queued,
 * as JSON. Unknown keys (`prepared`, running session totals) are ignored.
 */
export const recordedItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), session: recordedSessionSchema }),
  z.object({ kind: z.literal('stub'), session: recordedSessionSchema }),
  z.object({ kind: z.literal('call'), call: recordedCallSchema }),
  z.object({
    kind: z.literal('end'),
    end: z.object({ id: rule.id, endTime: rule.date, success: rule.flag.nullable(), error: rule.text.nullish() }),
  }),
]);

/** Prices a call that came without a cost. */
export type PriceRecorded = (provider: string, modelName: string, usage: NormalizedUsage, timestamp: Date) => CallPrice;

/**
 * Validate one recorded item and turn it into a write item. Throws an
 * ObservatoryValidationError naming each bad field (`call.promptTokens`) and its value.
 */
export function parseRecordedItem(input: unknown, price: PriceRecorded): WriteItem {
  const result = recordedItemSchema.safeParse(input);
  if (!result.success) {
    // As in parseCallInput: report the rejected values only when explaining a failure
    // (`reportInput` turns off zod's compiled fast path).
    const kind = kindSchema.safeParse(input, { reportInput: true });
    const explained = kind.success ? recordedItemSchema.safeParse(input, { reportInput: true }) : kind;
    throw toValidationError('recorded item', explained.error ?? result.error);
  }
  const item = result.data;
  if (item.kind === 'session' || item.kind === 'stub') return { kind: item.kind, session: toSession(item.session) };
  if (item.kind === 'end') return { kind: 'end', end: { ...item.end, error: item.end.error ?? null } };
  return { kind: 'call', call: toCall(item.call, price) };
}

function toSession(input: z.output<typeof recordedSessionSchema>): Session {
  return {
    id: input.id,
    projectName: input.projectName,
    operationType: input.operationType,
    startTime: input.startTime,
    endTime: null,
    totalCost: 0,
    totalTokens: 0,
    totalLlmCalls: 0,
    totalLatencyMs: 0,
    success: null,
    error: null,
    metadata: input.metadata ?? null,
    createdAt: input.createdAt ?? new Date(),
  };
}

function toCall(input: z.output<typeof recordedCallSchema>, price: PriceRecorded): LLMCall {
  let usage: NormalizedUsage;
  try {
    usage = normalizeUsage(input);
  } catch (error) {
    if (!ObservatoryValidationError.isInstance(error)) throw error;
    throw new ObservatoryValidationError(
      'recorded item',
      error.issues.map((issue) => ({ ...issue, field: `call.${issue.field}` })),
    );
  }
  const { totalCost, costSource } =
    input.totalCost == null
      ? price(input.provider, input.modelName, usage, input.timestamp)
      : { totalCost: input.totalCost, costSource: input.costSource ?? 'user' };
  return {
    id: input.id,
    sessionId: input.sessionId,
    projectName: input.projectName,
    timestamp: input.timestamp,
    provider: input.provider,
    modelName: input.modelName,
    ...usage,
    latencyMs: input.latencyMs ?? 0,
    ttftMs: input.ttftMs ?? null,
    totalCost,
    costSource,
    agentName: input.agentName ?? null,
    operationName: input.operationName ?? null,
    prompt: input.prompt ?? null,
    responseText: input.responseText ?? null,
    routingDecision: input.routingDecision ?? null,
    cacheMetadata: input.cacheMetadata ?? null,
    qualityEvaluation: input.qualityEvaluation ?? null,
    error: input.error ?? null,
    finishReason: input.finishReason ?? null,
    parentId: input.parentId ?? null,
    metadata: input.metadata ?? null,
    createdAt: input.createdAt ?? new Date(),
  };
}
