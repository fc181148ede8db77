import { createNewSqliteSchema } from './migrations/create-new-sqlite-schema.js';
import { MIGRATION_NAMES } from './migrations/migration-names.js';
import type { SqlDatabase, SqlValue } from './sql-connection.js';

/** A SQLite connection the write path writes through without MikroORM (libSQL's or sqlite3's). */
export interface SqliteWriteDatabase extends SqlDatabase {
  /** The rows of one query, outside a transaction. */
  all<Row>(sql: string): Promise<Row[]>;
  close(): void | Promise<void>;
}

/** The code of the error `openCurrentSqlite` throws for a store that lacks migrations of this version. */
export const STALE_SCHEMA = 'OBSERVATORY_STALE_SCHEMA';

/** Whether an error is the one `openCurrentSqlite` throws for a store that needs migrating. */
export function isStaleSchema(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === STALE_SCHEMA;
}

/** SQLite has no dates or booleans: epoch milliseconds and 0/1, as the MikroORM store keeps them. */
export function toSqliteValue(value: SqlValue): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * The opened store, when its schema is current. A new store is created with this version's
 * schema; an older one is closed and an error with code STALE_SCHEMA thrown (MikroORM
 * migrates it, create-store.ts; the write path never loads MikroORM).
 */
export async function openCurrentSqlite<D extends SqliteWriteDatabase>(database: D, path: string): Promise<D> {
  // Created here, or by another process meanwhile (then it is current on a second look).
  if (
    !(await schemaIsCurrent(database)) &&
    !(await createNewSqliteSchema(database)) &&
    !(await schemaIsCurrent(database))
  ) {
    await database.close();
    throw Object.assign(new Error(`the store at ${path} needs migrating first`), { code: STALE_SCHEMA });
  }
  return database;
}

/** Whether the store has every migration of this version (a new file has none). */
export async function schemaIsCurrent(database: SqliteWriteDatabase): Promise<boolean> {
  let rows: Array<{ name: string }>;
  try {
    rows = await database.all('select name from observatory_migrations');
  } catch {
    return false;
  }
  const applied = new Set(rows.map((row) => row.name));
  return MIGRATION_NAMES.every((name) => applied.has(name));
}
