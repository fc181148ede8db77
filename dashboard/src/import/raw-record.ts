/** A row that cannot be imported: where it is, which field, what value, and why. */
export interface ImportProblem {
  /** 1-based line of the input (for CSV, the line the record ends on). */
  line: number;
  field: string;
  value: unknown;
  message: string;
}

/** One record as read from an export file, before validation, or the problem reading it. */
export type RawRecord = { line: number; fields: Record<string, unknown> } | { line: number; problem: ImportProblem };

/** `line 12: totalCost: expected number, got "abc"`; long values are cut to 120 characters. */
export function formatImportProblem(problem: ImportProblem): string {
  const shown = JSON.stringify(problem.value) ?? String(problem.value);
  const value = shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
  return `line ${problem.line}: ${problem.field}: ${problem.message}, got ${value}`;
}
