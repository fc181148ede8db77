import { z } from 'zod';
import { CALL_FIELDS, type FieldSpec, SESSION_FIELDS } from './call-fields.js';

/* The rule of each kind of value in the field tables (call-fields.ts), and the zod schemas built from them. */

const noNul = (value: string) => !value.includes('\u0000');
const NO_NUL = 'must not contain U+0000';

/** Dates may be given as a Date, an ISO string or epoch milliseconds. */
export const dateLike = z.union([z.date(), z.string(), z.number()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a valid date', input: value });
    return z.NEVER;
  }
  return date;
});

/**
 * What each kind of value must be. Ids, names and codes fit their columns and hold no
 * U+0000 (PostgreSQL refuses it in text): either would fail a whole batch on every retry.
 * Free texts are not checked here: they are cleaned when stored (prepare-for-storage.ts).
 */
export const VALUE_RULES = {
  id: z.string().trim().min(1).max(128).refine(noNul, NO_NUL),
  name: z.string().trim().min(1).max(256).refine(noNul, NO_NUL),
  /** An optional name (agent, operation): may be empty. */
  label: z.string().max(256).refine(noNul, NO_NUL),
  provider: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(noNul, NO_NUL)
    .transform((provider) => provider.toLowerCase()),
  /** A short code such as a finish reason. */
  code: z.string().max(64).refine(noNul, NO_NUL),
  text: z.string(),
  /** A token count; at most what the store's integer column holds (PostgreSQL's int4). */
  tokens: z.number().int().nonnegative().max(2_147_483_647),
  /** A sum of token counts (a session's): the column is a bigint. */
  tokenSum: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  count: z.number().int().nonnegative().max(2_147_483_647),
  milliseconds: z.number().nonnegative().max(1e12),
  dollars: z.number().nonnegative().max(1e9),
  date: dateLike,
  flag: z.boolean(),
  costSource: z.enum(['price_table', 'custom', 'user', 'unknown']),
  usageSource: z.enum(['reported', 'estimated', 'missing']),
  // The JSON columns keep keys beyond the ones checked (loose objects): an import never
  // drops what an export carried, and a user's extra keys are theirs to keep.
  routingDecision: z.looseObject({
    chosenModel: z.string().min(1),
    alternativeModels: z.array(z.string()),
    modelScores: z.record(z.string(), z.number().finite()),
    reasoning: z.string(),
    estimatedCostSavings: z.number().finite().optional(),
  }),
  cacheMetadata: z.looseObject({
    cacheHit: z.boolean(),
    cacheKey: z.string().optional(),
    cacheClusterId: z.string().optional(),
  }),
  qualityEvaluation: z.looseObject({
    judgeScore: z.number().min(0).max(10),
    reasoning: z.string().optional(),
    hallucinationFlag: z.boolean(),
    factualError: z.boolean(),
    confidence: z.number().min(0).max(1).optional(),
    errorCategory: z.string().optional(),
    suggestions: z.array(z.string()),
  }),
  /**
   * A plain object of any keys, copied so that the caller changing it later cannot change
   * the queued call. A check and a copy, not zod's record, which parses every key (~3 µs a
   * call on the record path: BENCHMARKS.md, "Thirteenth session").
   */
  object: z
    .custom<Record<string, unknown>>(z.core.util.isPlainObject, 'Invalid input: expected an object')
    .transform(copyRecord),
};

/** A shallow copy without a `__proto__` key (as zod's record leaves it out). */
function copyRecord(record: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...record };
  if (Object.hasOwn(copy, '__proto__')) Reflect.deleteProperty(copy, '__proto__');
  return copy;
}

export type ValueKind = keyof typeof VALUE_RULES;

type Rule<K extends ValueKind> = (typeof VALUE_RULES)[K];
type FieldRule<F extends FieldSpec> = F extends { nullable: true }
  ? z.ZodNullable<Rule<F['kind']>>
  : F extends { absentIs: number }
    ? z.ZodDefault<Rule<F['kind']>>
    : Rule<F['kind']>;
/** The zod shape of a field table: each field with its kind's rule, nullable where the field is. */
export type FieldShape<T extends Record<string, FieldSpec>> = { [N in keyof T]: FieldRule<T[N]> };

/** Each field of a table with its rule, as a zod shape to pick from or extend. */
export function fieldShape<T extends Record<string, FieldSpec>>(fields: T): FieldShape<T> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => {
      const rule: z.ZodType = VALUE_RULES[spec.kind];
      if (spec.absentIs !== undefined) return [name, rule.default(spec.absentIs)];
      return [name, spec.nullable ? rule.nullable() : rule];
    }),
  ) as FieldShape<T>;
}

/** A call as stored and exported: every field, strictly (an unknown field is refused, not dropped). */
export const storedCallSchema = z.strictObject(fieldShape(CALL_FIELDS));

/** A session as stored and exported, totals included. */
export const storedSessionSchema = z.strictObject(fieldShape(SESSION_FIELDS));
