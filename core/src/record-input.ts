import { z } from 'zod';
import { ObservatoryValidationError } from './observatory-error.js';

/** A token count; at most what the store's integer column holds (PostgreSQL would refuse the batch). */
export const tokenCount = z.number().int().nonnegative().max(2_147_483_647);
export const milliseconds = z.number().nonnegative().max(1e12);
export const dollars = z.number().nonnegative().max(1e9);
const text = z.string();

/** Dates may be given as a Date, an ISO string or epoch milliseconds. */
export const dateLike = z.union([z.date(), z.string(), z.number()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a valid date', input: value });
    return z.NEVER;
  }
  return date;
});

/** Token counts and durations of a call, as `recordCall` and the ingest format take them. */
export const usageAndTimingFields = {
  promptTokens: tokenCount.nullish(),
  completionTokens: tokenCount.nullish(),
  totalTokens: tokenCount.nullish(),
  cachedPromptTokens: tokenCount.nullish(),
  cacheWriteTokens: tokenCount.nullish(),
  reasoningTokens: tokenCount.nullish(),
  /** Set by adapters when counts were estimated with a tokenizer. */
  usageSource: z.enum(['reported', 'estimated', 'missing']).optional(),
  latencyMs: milliseconds.nullish(),
  ttftMs: milliseconds.nullish(),
};

export const routingDecisionSchema = z.object({
  chosenModel: z.string().min(1),
  alternativeModels: z.array(z.string()),
  modelScores: z.record(z.string(), z.number().finite()),
  reasoning: z.string(),
  estimatedCostSavings: z.number().finite().optional(),
});

export const cacheMetadataSchema = z.object({
  cacheHit: z.boolean(),
  cacheKey: z.string().optional(),
  cacheClusterId: z.string().optional(),
});

export const qualityEvaluationSchema = z.object({
  judgeScore: z.number().min(0).max(10),
  reasoning: z.string().optional(),
  hallucinationFlag: z.boolean(),
  factualError: z.boolean(),
  confidence: z.number().min(0).max(1).optional(),
  errorCategory: z.string().optional(),
  suggestions: z.array(z.string()),
});

/** An error may be given as text or as the thrown value itself. */
const errorLike = z.unknown().transform((value) => {
  if (value == null || value === false) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.message ? `${value.name}: ${value.message}` : value.name;
  return String(value);
});

/**
 * What `recordCall` accepts: the camelCase of the `llm_calls` columns.
 * Token counts follow the rule in normalize-usage.ts.
 */
export const recordCallSchema = z.object({
  /**
   * A caller-chosen id (e.g. derived from an OpenTelemetry span), so the same call sent
   * twice is stored once: a call whose id is already stored is skipped. Default: a new UUIDv7.
   */
  id: z.string().trim().min(1).max(128).optional(),
  /** The project of this one call (and of the session it creates); default: the instance's. */
  projectName: z.string().trim().min(1).max(256).optional(),
  sessionId: z.string().min(1).max(128).optional(),
  provider: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .transform((p) => p.toLowerCase()),
  modelName: z.string().trim().min(1).max(256),
  ...usageAndTimingFields,
  totalCost: dollars.nullish(),
  agentName: z.string().max(256).nullish(),
  operationName: z.string().max(256).nullish(),
  prompt: text.nullish(),
  responseText: text.nullish(),
  routingDecision: routingDecisionSchema.nullish(),
  cacheMetadata: cacheMetadataSchema.nullish(),
  qualityEvaluation: qualityEvaluationSchema.nullish(),
  error: errorLike.optional(),
  finishReason: z.string().max(64).nullish(),
  parentId: z.string().max(128).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  timestamp: dateLike.optional(),
});

export type RecordCallInput = z.input<typeof recordCallSchema>;
export type ParsedCallInput = z.output<typeof recordCallSchema>;

/** Validate `recordCall` input; throws an error naming every bad field and its value. */
export function parseCallInput(input: unknown): ParsedCallInput {
  const result = recordCallSchema.safeParse(input);
  if (result.success) return result.data;
  // `reportInput` puts the rejected values in the issues, but it also turns off zod's
  // compiled fast path (~3× slower), so it is only used to explain a failure.
  const explained = recordCallSchema.safeParse(input, { reportInput: true });
  throw toValidationError('recordCall input', explained.error ?? result.error);
}

/** Turn zod's issues into an error that names each field and the value it had. */
export function toValidationError(what: string, error: z.ZodError): ObservatoryValidationError {
  return new ObservatoryValidationError(
    what,
    error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      value: issue.input,
      message: issue.message,
    })),
  );
}
