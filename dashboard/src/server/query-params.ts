import type { Context } from 'hono';
import { BadRequest } from '../bad-request.js';
import { parseDuration } from '../parse-duration.js';

/** Project and time window shared by every dashboard endpoint. */
export interface RangeFilter {
  /** undefined: all projects. */
  projectName?: string;
  from?: Date;
  to?: Date;
}

/** Earliest and latest dates accepted, so a typo cannot ask for year 275760. */
const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);

/** `project`, `from`, `to` (ISO 8601 or epoch ms) and `range` (e.g. `7d`, ending now when `to` is absent). */
export function readRange(c: Context, now: number): RangeFilter {
  const filter: RangeFilter = {};
  const project = c.req.query('project');
  if (project !== undefined && project !== '') {
    if (project.length > 256) throw new BadRequest('project', project, 'a project name of at most 256 characters');
    filter.projectName = project;
  }
  const to = readDate(c, 'to');
  const from = readDate(c, 'from');
  const range = c.req.query('range');
  if (range !== undefined && range !== '' && range !== 'all') {
    const ms = parseDuration(range);
    if (ms === null) throw new BadRequest('range', range, 'a duration such as 15m, 24h, 7d or 4w, or "all"');
    if (!from) filter.from = new Date((to?.getTime() ?? now) - ms);
  }
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    throw new BadRequest('from', c.req.query('from') ?? range, `a time before 'to' (${filter.to.toISOString()})`);
  }
  return filter;
}

const HOUR_MS = 3_600_000;

/**
 * The filter widened to whole hours, as the rollups read every range (from the start of the
 * hour holding `from` to the first hour starting at or after `to`): a sample of calls read
 * with it holds the same calls as the totals shown beside it.
 */
export function wholeHours(filter: RangeFilter): RangeFilter {
  return {
    ...filter,
    from: filter.from && new Date(Math.floor(filter.from.getTime() / HOUR_MS) * HOUR_MS),
    to: filter.to && new Date(Math.ceil(filter.to.getTime() / HOUR_MS) * HOUR_MS),
  };
}

/** An optional ISO 8601 date or epoch-milliseconds parameter. */
export function readDate(c: Context, name: string): Date | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  const time = /^\d{1,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (Number.isNaN(time) || time < MIN_TIME || time > MAX_TIME) {
    throw new BadRequest(name, raw, 'an ISO 8601 date such as 2026-01-31T00:00:00Z, or epoch milliseconds');
  }
  return new Date(time);
}

/** An optional whole number within bounds. */
export function readInt(c: Context, name: string, options: { min: number; max: number; fallback: number }): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return options.fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < options.min || value > options.max) {
    throw new BadRequest(name, raw, `a whole number from ${options.min} to ${options.max}`);
  }
  return value;
}

/** An optional value from a fixed set. */
export function readEnum<T extends string>(c: Context, name: string, allowed: readonly T[], fallback: T): T;
export function readEnum<T extends string>(c: Context, name: string, allowed: readonly T[]): T | undefined;
export function readEnum<T extends string>(
  c: Context,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new BadRequest(name, raw, `one of ${allowed.join(', ')}`);
  return raw as T;
}

/** An optional free-text filter value (model, agent, operation name). */
export function readText(c: Context, name: string, maxLength = 256): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > maxLength) throw new BadRequest(name, raw, `at most ${maxLength} characters`);
  return raw;
}

/** An optional boolean: true/false/1/0. */
export function readBoolean(c: Context, name: string): boolean | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new BadRequest(name, raw, 'true or false');
}

/**
 * Series width that keeps a chart readable: hours up to two days, days up to ~4 months, then
 * weeks. An open range starts on `firstDay`, the selected project's first day with calls.
 */
export function pickInterval(filter: RangeFilter, now: number, firstDay: number | null): 'hour' | 'day' | 'week' {
  const start = filter.from?.getTime() ?? firstDay ?? now - 86_400_000;
  const span = (filter.to?.getTime() ?? now) - start;
  if (span <= 2 * 86_400_000) return 'hour';
  if (span <= 120 * 86_400_000) return 'day';
  return 'week';
}

/**
 * Length of the selected range in days: when open-ended, from the start of the selected
 * project's first day with calls (`storage.getFirstDay(projectName)`).
 */
export function spanDays(filter: RangeFilter, now: number, firstDay: number | null): number {
  const start = filter.from?.getTime() ?? firstDay ?? now;
  const end = filter.to?.getTime() ?? now;
  return Math.max(1 / 24, (end - start) / 86_400_000);
}

/** An optional finite number ≥ 0 (a cost in dollars, a duration in milliseconds). */
export function readAmount(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw new BadRequest(name, raw, 'a number ≥ 0, such as 0.05');
  return value;
}
