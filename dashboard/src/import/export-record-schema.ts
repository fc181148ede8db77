import { type LLMCall, type Session, storedCallSchema, storedSessionSchema } from '@observatory/core';
import type { ImportProblem } from './raw-record.js';

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
  const schema = kind === 'call' ? storedCallSchema : storedSessionSchema;
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
