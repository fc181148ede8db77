import { z } from 'zod';
import type { CacheMetadata, QualityEvaluation, RoutingDecision } from './models.js';
import { ObservatoryValidationError } from './observatory-error.js';
import { compileQuickParse } from './quick-call-input.js';
import { VALUE_RULES } from './value-rules.js';

const rule = VALUE_RULES;

/** The optional details of a call (who, what was said, the user's decisions), as every way in takes them. */
export const callDetailFields = {
  agentName: rule.label.nullish(),
  operationName: rule.label.nullish(),
  prompt: rule.text.nullish(),
  responseText: rule.text.nullish(),
  routingDecision: rule.routingDecision.nullish(),
  cacheMetadata: rule.cacheMetadata.nullish(),
  qualityEvaluation: rule.qualityEvaluation.nullish(),
  finishReason: rule.code.nullish(),
  parentId: rule.id.nullish(),
  metadata: rule.object.nullish(),
};

/** Token counts and durations of a call, as `recordCall` and the ingest format take them. */
export const usageAndTimingFields = {
  promptTokens: rule.tokens.nullish(),
  completionTokens: rule.tokens.nullish(),
  totalTokens: rule.tokens.nullish(),
  cachedPromptTokens: rule.tokens.nullish(),
  cacheWriteTokens: rule.tokens.nullish(),
  /** The part of cacheWriteTokens written with a 1-hour lifetime (Anthropic `ttl: '1h'`). */
  cacheWrite1hTokens: rule.tokens.nullish(),
  reasoningTokens: rule.tokens.nullish(),
  /** Set by adapters when counts were estimated with a tokenizer. */
  usageSource: rule.usageSource.optional(),
  latencyMs: rule.milliseconds.nullish(),
  ttftMs: rule.milliseconds.nullish(),
};

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
  id: rule.id.optional(),
  /** The project of this one call (and of the session it creates); default: the instance's. */
  projectName: rule.name.optional(),
  sessionId: rule.id.optional(),
  provider: rule.provider,
  modelName: rule.name,
  ...usageAndTimingFields,
  totalCost: rule.dollars.nullish(),
  ...callDetailFields,
  error: errorLike.optional(),
  /** When the call started. Default: now minus `latencyMs`, for a call recorded as it returns. */
  timestamp: rule.date.optional(),
});

/** What `recordCall` takes; the decision objects as their documented interfaces (extra keys are kept when stored). */
export type RecordCallInput = Omit<
  z.input<typeof recordCallSchema>,
  'routingDecision' | 'cacheMetadata' | 'qualityEvaluation'
> & {
  routingDecision?: RoutingDecision | null;
  cacheMetadata?: CacheMetadata | null;
  qualityEvaluation?: QualityEvaluation | null;
};
export type ParsedCallInput = z.output<typeof recordCallSchema>;

const quickParse = compileQuickParse<ParsedCallInput>(recordCallSchema);

/**
 * Validate `recordCall` input as `recordCall` does; throws an ObservatoryValidationError
 * naming every bad field and its value (e.g. to explain why `recordCall` refused a call).
 */
export function parseCallInput(input: unknown): ParsedCallInput {
  const quick = quickParse(input);
  if (quick) return quick;
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
