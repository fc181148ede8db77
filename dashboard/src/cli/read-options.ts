import { parseArgs } from 'node:util';
import { parseDuration } from '../parse-duration.js';
import type { Command, OptionValues } from './command.js';

/** A wrong command line: printed with a pointer to `--help`, exit code 2, nothing done. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The verb's options from `args` (after the verb), through `node:util` parseArgs in strict
 * mode; its errors are rewritten to name the flag (and value) the way the rest of the CLI does.
 */
export function readOptions(command: Command, args: readonly string[]): OptionValues {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    if (positionals.length > 0) {
      throw new UsageError(
        `observatory ${command.name} takes no arguments besides its flags, got ${JSON.stringify(positionals[0])}`,
      );
    }
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(explainParseError(error, command));
  }
}

function explainParseError(error: unknown, command: Command): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `observatory ${command.name} has no option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = flag.replace(/^-+/, '');
    return command.options[name]?.type === 'boolean'
      ? `${flag} is a switch and takes no value`
      : `${flag} needs a value (${command.options[name]?.value ?? 'text'})`;
  }
  return message;
}

/** A string option's value, or undefined. */
export function textOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A whole-number option within bounds (`1_000_000` and `1,000,000` allowed). */
export function intOption(values: OptionValues, name: string, min: number, max: number): number | undefined {
  const text = textOption(values, name);
  if (text === undefined) return undefined;
  const digits = text.replace(/[_,]/g, '');
  const n = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = textOption(values, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be ${choices.join(' or ')}, got ${JSON.stringify(text)}`);
  }
  return text as T;
}

/** A date such as 2026-01-31 or an ISO timestamp. */
export function dateOption(values: OptionValues, name: string): Date | undefined {
  const text = textOption(values, name);
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time))
    throw new UsageError(`--${name} must be a date such as 2026-01-31, got ${JSON.stringify(text)}`);
  return new Date(time);
}

/** A duration such as 90d, 12w, 48h or 15m, in milliseconds. */
export function durationOption(values: OptionValues, name: string): number | undefined {
  const text = textOption(values, name);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === null)
    throw new UsageError(`--${name} needs a duration such as 90d, 12w, 48h or 15m, got ${JSON.stringify(text)}`);
  return ms;
}

/** Fail unless the option was given. */
export function required<T>(value: T | undefined, name: string, example: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required, e.g. --${name} ${example}`);
  return value;
}
