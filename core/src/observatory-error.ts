const marker = Symbol.for('observatory.error');

/** Base error of Observatory. `isInstance` works across duplicate installs of the package. */
export class ObservatoryError extends Error {
  readonly [marker] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ObservatoryError';
  }

  static isInstance(value: unknown): value is ObservatoryError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

const validationMarker = Symbol.for('observatory.validation_error');

/** One rejected field: its dotted path, the value given, and why it was rejected. */
export interface FieldIssue {
  field: string;
  value: unknown;
  message: string;
}

/** Input that cannot be recorded. The message names every bad field and its value. */
export class ObservatoryValidationError extends ObservatoryError {
  readonly [validationMarker] = true;
  readonly issues: FieldIssue[];

  constructor(what: string, issues: FieldIssue[]) {
    super(`${what}: ${issues.map(describeIssue).join('; ')}`);
    this.name = 'ObservatoryValidationError';
    this.issues = issues;
  }

  static override isInstance(value: unknown): value is ObservatoryValidationError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[validationMarker] === true;
  }
}

function describeIssue(issue: FieldIssue): string {
  return `${issue.field || '(input)'} = ${previewValue(issue.value)}: ${issue.message}`;
}

/** A short, safe rendering of a rejected value for error messages. */
export function previewValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}… (${value.length} chars)` : JSON.stringify(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`;
  if (typeof value === 'function') return '[function]';
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 80)}…` : json;
  } catch {
    return Array.isArray(value) ? '[array]' : '[object]';
  }
}
