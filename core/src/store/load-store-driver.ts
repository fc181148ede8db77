import { createRequire } from 'node:module';
import type { Options } from '@mikro-orm/core';
import type { DatabaseTarget } from '../database-url.js';
import { ObservatoryError } from '../observatory-error.js';

/** The MikroORM driver of one store, loaded only when that kind of store is opened. */
export interface StoreDriver {
  driver: NonNullable<Options['driver']>;
  /**
   * Milliseconds SQLite itself waits for another process's lock, on the thread that runs
   * the statement: short for libsql (the host's thread; its driver waits longer between
   * attempts), 10 s for sqlite3 (a libuv worker thread).
   */
  busyTimeoutMs: number;
  /** Run SQL on a raw connection of this driver (SQLite pragmas on each new connection). */
  execute(connection: unknown, sql: string): Promise<void>;
  /** The error to show for a failed open: the driver's own, or one naming the command that fixes it. */
  explainOpenError(error: unknown): unknown;
}

/**
 * Import the driver the target needs and nothing else, so a SQLite app never loads the
 * PostgreSQL client and the reverse.
 */
export async function loadStoreDriver(target: DatabaseTarget): Promise<StoreDriver> {
  if (target.dialect === 'postgresql') {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    return { driver: PostgreSqlDriver, busyTimeoutMs: 0, execute: async () => {}, explainOpenError: (error) => error };
  }
  if (target.driver === 'libsql') {
    const { ObservatoryLibSqlDriver } = await import('./libsql-store-driver.js');
    return {
      driver: ObservatoryLibSqlDriver,
      busyTimeoutMs: 20,
      // libsql's handle is synchronous, like better-sqlite3's.
      execute: async (connection, sql) => (connection as { exec(sql: string): void }).exec(sql),
      explainOpenError: explainLibsqlOpenError,
    };
  }
  let module: typeof import('@mikro-orm/sqlite');
  try {
    module = await import('@mikro-orm/sqlite');
  } catch (error) {
    throw new ObservatoryError(
      'the sqlite3 driver (database URL sqlite3:PATH or OBSERVATORY_SQLITE_DRIVER=sqlite3) needs @mikro-orm/sqlite: npm install @mikro-orm/sqlite@6.6.16',
      { cause: error },
    );
  }
  return {
    driver: module.SqliteDriver,
    busyTimeoutMs: 10_000,
    execute: (connection, sql) =>
      new Promise((resolve, reject) =>
        (connection as { exec(sql: string, done: (error: Error | null) => void): void }).exec(sql, (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    explainOpenError: explainSqlite3OpenError,
  };
}

/** The error to show when libSQL fails to open: its own, or the way round a platform without its binary. */
export function explainLibsqlOpenError(error: unknown): unknown {
  return isMissingNativeBinding(error)
    ? new ObservatoryError(
        `libsql has no prebuilt binary for ${process.platform}-${process.arch}; use the sqlite3 driver instead: npm install @mikro-orm/sqlite@6.6.16 and a database URL sqlite3:PATH`,
        { cause: error },
      )
    : error;
}

/** The error to show when the sqlite3 driver fails to open: its own, or the command that builds its binding. */
export function explainSqlite3OpenError(error: unknown): unknown {
  return isMissingNativeBinding(error)
    ? new ObservatoryError(
        'the sqlite3 driver has no native binding: its install script did not run (npm 12 blocks install scripts by default). Run `npm install-scripts approve sqlite3 && npm rebuild sqlite3` (npm 12) or `npm rebuild sqlite3`, or use the default libsql driver (a plain file path as the database URL)',
        { cause: error },
      )
    : error;
}

/** The sqlite3 package @mikro-orm/sqlite depends on (core itself does not: it is an optional peer). */
export async function importSqlite3(): Promise<unknown> {
  try {
    const require = createRequire(createRequire(import.meta.url).resolve('@mikro-orm/sqlite'));
    return require('sqlite3');
  } catch (error) {
    if (isMissingNativeBinding(error)) throw explainSqlite3OpenError(error);
    throw new ObservatoryError(
      'the sqlite3 driver (database URL sqlite3:PATH or OBSERVATORY_SQLITE_DRIVER=sqlite3) needs @mikro-orm/sqlite: npm install @mikro-orm/sqlite@6.6.16',
      { cause: error },
    );
  }
}

/** knex's "run npm install sqlite3" advice, or `bindings`' missing .node file. */
function isMissingNativeBinding(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message}\n${String((error as { cause?: unknown }).cause ?? '')}` : '';
  return /npm install sqlite3|Could not locate the bindings file|Cannot find module '@libsql\//.test(text);
}
