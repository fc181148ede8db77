/** SQLite returns datetimes as epoch milliseconds, PostgreSQL as Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
}

/** SQLite returns JSON columns as text, PostgreSQL (jsonb) as parsed values. */
export function parseJson(value: unknown): unknown {
  if (value == null) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
