import { z } from 'zod';
import { CALL_FIELDS, type FieldSpec, SESSION_FIELDS } from './call-fields.js';

/* The rule of each kind of value in the field tables (call-fields.ts), and the zod schemas built from them. */

const noNul = (value: string) => !value.includes('\u0000');
const NO_NUL = 'must not contain U+0000';

/** A Date, an ISO string or epoch milliseconds as a valid Date; null for anything else. */
function toValidDate(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Dates may be given as a Date, an ISO string or epoch milliseconds. */
export const dateLike = z.union([z.date(), z.string(), z.number()]).transform((value, ctx) => {
  const date = toValidDate(value);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: 'not a valid date', input: value });
  return z.NEVER;
});

/** A kind of text: trimmed first when `trim`, then its length (UTF-16 units) and U+0000 checked, lower-cased last when `lowercase`. */
interface StringSpec {
  type: 'string';
  trim?: boolean;
  min?: number;
  max?: number;
  noNul?: boolean;
  lowercase?: boolean;
}
/** A kind of number: finite, never negative, at most `max`, and a safe integer when `integer`. */
interface NumberSpec {
  type: 'number';
  integer?: boolean;
  max: number;
}
type ScalarSpec = StringSpec | NumberSpec;

/**
 * The kinds of text and number, as data: VALUE_RULES builds their zod rules from these, and
 * `recordCall`'s fast path checks a value with `checkScalar`, the same checks in the same
 * order without zod's machinery (quick-call-input.ts). Ids, names and codes fit their
 * columns and hold no U+0000 (PostgreSQL refuses it in text): either would fail a whole
 * batch on every retry. Free texts are not checked here: they are cleaned when stored
 * (prepare-for-storage.ts).
 */
const SCALAR_SPECS = {
  id: { type: 'string', trim: true, min: 1, max: 128, noNul: true },
  name: { type: 'string', trim: true, min: 1, max: 256, noNul: true },
  /** An optional name (agent, operation): may be empty. */
  label: { type: 'string', max: 256, noNul: true },
  provider: { type: 'string', trim: true, min: 1, max: 64, noNul: true, lowercase: true },
  /** A short code such as a finish reason. */
  code: { type: 'string', max: 64, noNul: true },
  text: { type: 'string' },
  /** A token count; at most what the store's integer column holds (PostgreSQL's int4). */
  tokens: { type: 'number', integer: true, max: 2_147_483_647 },
  /** A sum of token counts (a session's): the column is a bigint. */
  tokenSum: { type: 'number', integer: true, max: Number.MAX_SAFE_INTEGER },
  count: { type: 'number', integer: true, max: 2_147_483_647 },
  milliseconds: { type: 'number', max: 1e12 },
  dollars: { type: 'number', max: 1e9 },
} as const satisfies Record<string, ScalarSpec>;

/** What `checkScalar` returns for a value its kind refuses. */
export const INVALID: unique symbol = Symbol('invalid');

/** The value as the kind's zod rule outputs it, or INVALID where that rule has an issue. */
function checkScalar(spec: ScalarSpec, value: unknown): unknown {
  if (spec.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > spec.max) return INVALID;
    return spec.integer && !Number.isSafeInteger(value) ? INVALID : value;
  }
  if (typeof value !== 'string') return INVALID;
  const text = spec.trim ? value.trim() : value;
  if (spec.min !== undefined && text.length < spec.min) return INVALID;
  if (spec.max !== undefined && text.length > spec.max) return INVALID;
  if (spec.noNul && !noNul(text)) return INVALID;
  return spec.lowercase ? text.toLowerCase() : text;
}

function stringRule(spec: StringSpec): z.ZodType<string, string> {
  let rule = z.string();
  if (spec.trim) rule = rule.trim();
  if (spec.min !== undefined) rule = rule.min(spec.min);
  if (spec.max !== undefined) rule = rule.max(spec.max);
  if (spec.noNul) rule = rule.refine(noNul, NO_NUL);
  return spec.lowercase ? rule.transform((text) => text.toLowerCase()) : rule;
}

function numberRule(spec: NumberSpec): z.ZodNumber {
  const rule = spec.integer ? z.number().int() : z.number();
  return rule.nonnegative().max(spec.max);
}

/** What each kind of value must be. */
export const VALUE_RULES = {
  id: stringRule(SCALAR_SPECS.id),
  name: stringRule(SCALAR_SPECS.name),
  label: stringRule(SCALAR_SPECS.label),
  provider: stringRule(SCALAR_SPECS.provider),
  code: stringRule(SCALAR_SPECS.code),
  text: stringRule(SCALAR_SPECS.text),
  tokens: numberRule(SCALAR_SPECS.tokens),
  tokenSum: numberRule(SCALAR_SPECS.tokenSum),
  count: numberRule(SCALAR_SPECS.count),
  milliseconds: numberRule(SCALAR_SPECS.milliseconds),
  dollars: numberRule(SCALAR_SPECS.dollars),
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

/**
 * Each kind's check without zod, where it has one (`recordCall`'s fast path,
 * quick-call-input.ts): the value as the kind's rule outputs it, or INVALID.
 */
export const QUICK_CHECKS: Partial<Record<ValueKind, (value: unknown) => unknown>> = {
  ...Object.fromEntries(
    Object.entries(SCALAR_SPECS).map(([kind, spec]) => [kind, (value: unknown) => checkScalar(spec, value)]),
  ),
  // The types dateLike's union takes (zod's number refuses NaN and infinities).
  date: (value) =>
    value instanceof Date || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
      ? (toValidDate(value) ?? INVALID)
      : INVALID,
  object: (value) => (z.core.util.isPlainObject(value) ? copyRecord(value) : INVALID),
  // The enums (`usageSource`, `costSource`): one of their members, returned as given.
  ...Object.fromEntries(
    Object.entries(VALUE_RULES)
      .filter(([, rule]) => rule instanceof z.ZodEnum)
      .map(([kind, rule]) => {
        const members = new Set<unknown>((rule as z.ZodEnum).options);
        return [kind, (value: unknown) => (members.has(value) ? value : INVALID)];
      }),
  ),
};

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
