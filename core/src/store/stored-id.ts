import type { StoreDialect } from './store-dialect.js';

/*
 * SQLite keeps a call's or session's id that is a lowercase UUID (every id Observatory
 * makes, and LangChain's run ids) as its 16 bytes, not its 36 characters (migration 0020):
 * an id is in the call's row three times and in two indexes, so this is ~90 bytes a call.
 * Any other id (a caller's own, an uppercase UUID) is kept as the text it is, so every id
 * reads back exactly as it was given. No other column holds a BLOB, so a BLOB read from a
 * store is always an id: the connections turn them back into text (readStoredIds), and
 * every statement that binds an id binds storedId's value. PostgreSQL keeps the text.
 */

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Where each byte's two hex digits start in a UUID's text. */
const BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
/** A hex digit's value by its character code (the regex has checked every digit). */
const DIGIT_VALUE = new Uint8Array(128);
for (const [value, digit] of [...'0123456789abcdef'].entries()) DIGIT_VALUE[digit.charCodeAt(0)] = value;

/**
 * The value an id is stored and compared as, in `dialect`. Digits are read from a table
 * rather than by Buffer.from(…, 'hex'): 0.25 µs an id instead of 0.8, and the writer stores
 * two or three ids a call.
 */
export function storedId(dialect: StoreDialect, id: string): string | Buffer {
  if (dialect === 'postgresql' || !LOWERCASE_UUID.test(id)) return id;
  const bytes = Buffer.allocUnsafe(16);
  for (let i = 0; i < 16; i++) {
    const at = BYTE_AT[i];
    bytes[i] = (DIGIT_VALUE[id.charCodeAt(at)] << 4) | DIGIT_VALUE[id.charCodeAt(at + 1)];
  }
  return bytes;
}

/** Several ids, as storedId stores them. */
export function storedIds(dialect: StoreDialect, ids: readonly string[]): Array<string | Buffer> {
  return ids.map((id) => storedId(dialect, id));
}

/** Each byte's two hex digits. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * An id as read from a store: 16 bytes (libSQL's ArrayBuffer, sqlite3's Buffer) back to its
 * UUID. Spelt from a table: 0.2 µs an id instead of 0.37 through Buffer's hex, for the
 * 10,000 steps of a long session.
 */
export function readId(value: unknown): string {
  const b = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
  if (!(b instanceof Uint8Array)) return String(value);
  return `${HEX[b[0]]}${HEX[b[1]]}${HEX[b[2]]}${HEX[b[3]]}-${HEX[b[4]]}${HEX[b[5]]}-${HEX[b[6]]}${HEX[b[7]]}-${HEX[b[8]]}${HEX[b[9]]}-${HEX[b[10]]}${HEX[b[11]]}${HEX[b[12]]}${HEX[b[13]]}${HEX[b[14]]}${HEX[b[15]]}`;
}

/** Rows (or a driver's other answer, left as it is) with every BLOB value read back as its id. */
export function readStoredIds<T>(result: T): T {
  if (!Array.isArray(result)) return result;
  for (const row of result) {
    if (row === null || typeof row !== 'object') continue;
    const fields = row as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      if (value instanceof ArrayBuffer || value instanceof Uint8Array) fields[key] = readId(value);
    }
  }
  return result;
}
