import { ObservatoryValidationError } from '../observatory-error.js';

/**
 * Where a page of a sorted list ended: the last row's sort value and id. The next page
 * continues strictly after it (keyset pagination), so reading page 5,000 costs what page 1
 * does, where OFFSET would read and skip every row before it.
 */
export interface KeysetPosition {
  value: number;
  id: string;
}

/** The position as an opaque, URL-safe token. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

/** A token from `encodeCursor`; anything else is refused naming the `cursor` field. */
export function decodeCursor(cursor: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'number' ||
    !Number.isFinite(parsed[0]) ||
    typeof parsed[1] !== 'string'
  ) {
    throw new ObservatoryValidationError('query', [
      { field: 'cursor', value: cursor, message: 'is not a cursor this list returned (use nextCursor as given)' },
    ]);
  }
  return { value: parsed[0], id: parsed[1] };
}
