import { z } from 'zod';
import { INVALID, QUICK_CHECKS, VALUE_RULES, type ValueKind } from './value-rules.js';

/**
 * `recordCall`'s fast path: an input whose every field passes is returned as zod would
 * return it, checked by the same rules without zod's machinery; anything else gives
 * undefined, and zod parses it (and names what is wrong). In the peer benchmark zod's parse
 * cost the host 32–42 µs a call, ten times what it costs in a loop of its own: each field
 * is several closures and two objects, out of cache again by the next call (BENCHMARKS.md,
 * "Fourteenth session").
 */
export function compileQuickParse<T>(schema: z.ZodObject): (input: unknown) => T | undefined {
  const fields = Object.entries(schema.shape).map(([key, fieldSchema]) => quickField(key, fieldSchema as z.ZodType));
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
    const given = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const value = given[field.key];
      if (value === undefined) {
        if (!field.optional) return undefined;
        continue;
      }
      if (value === null) {
        if (!field.nullable) return undefined;
        out[field.key] = null;
        continue;
      }
      const checked = field.check(value);
      if (checked === INVALID) return undefined;
      out[field.key] = checked;
    }
    return out as T;
  };
}

interface QuickField {
  key: string;
  optional: boolean;
  nullable: boolean;
  /** The value as the field's rule outputs it, or INVALID. */
  check: (value: unknown) => unknown;
}

const KIND_OF_RULE = new Map<z.ZodType, ValueKind>(
  Object.entries(VALUE_RULES).map(([kind, rule]) => [rule as z.ZodType, kind as ValueKind]),
);

/** A field's rule, found under its optional and nullable wrappers. */
function quickField(key: string, schema: z.ZodType): QuickField {
  let inner = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    if (inner instanceof z.ZodOptional) optional = true;
    else if (inner instanceof z.ZodNullable) nullable = true;
    else break;
    inner = inner.unwrap() as z.ZodType;
  }
  return { key, optional, nullable, check: quickCheck(inner) };
}

function quickCheck(rule: z.ZodType): (value: unknown) => unknown {
  const kind = KIND_OF_RULE.get(rule);
  const check = kind && QUICK_CHECKS[kind];
  if (check) return check;
  // Rarer fields (the decision objects, an error): their own zod rule.
  return (value) => {
    const result = rule.safeParse(value);
    return result.success ? result.data : INVALID;
  };
}
