import { ObservatoryValidationError } from '../observatory-error.js';

/** Filters shared by every aggregate query. Times are hour-aligned: rollups are hourly. */
export interface AggregateFilter {
  projectName?: string;
  /** Inclusive; the hour holding `from` is included. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  provider?: string;
  modelName?: string;
  agentName?: string;
  operationName?: string;
}

const HOUR_MS = 3_600_000;

/**
 * The hours a filter covers, as rollup `hour_start` bounds: from the hour holding `from`
 * (inclusive) to the first hour starting at or after `to` (exclusive).
 */
export function hourRange(filter: AggregateFilter): { from?: number; to?: number } {
  return {
    from: filter.from ? Math.floor(checkDate('from', filter.from) / HOUR_MS) * HOUR_MS : undefined,
    to: filter.to ? Math.ceil(checkDate('to', filter.to) / HOUR_MS) * HOUR_MS : undefined,
  };
}

function checkDate(field: string, value: Date): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new ObservatoryValidationError('query', [{ field, value, message: 'not a valid Date' }]);
  }
  return time;
}

/** Aggregates come back as strings from PostgreSQL (bigint, numeric) and as numbers from SQLite. */
export function toNumber(value: unknown): number {
  if (value == null) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** Limit a page size to something the store can answer quickly. */
export function clampLimit(limit: number | undefined, fallback: number, max = 10_000): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new ObservatoryValidationError('query', [
      { field: 'limit', value: limit, message: 'must be a whole number ≥ 0' },
    ]);
  }
  return Math.min(limit, max);
}
