import { ObservatoryValidationError } from './observatory-error.js';

/**
 * The driver behind a SQLite store. `libsql` (the default) ships prebuilt binaries without an
 * install script, so it works after a plain `npm install` with npm 12's defaults; `sqlite3`
 * (`@mikro-orm/sqlite`) is the classic driver and needs its install script to build or fetch
 * its binding.
 */
export type SqliteDriverName = 'libsql' | 'sqlite3';

/** Where the store lives, parsed from a database URL. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string; driver: SqliteDriverName }
  | { dialect: 'postgresql'; url: string };

export const DEFAULT_SQLITE_PATH = './observatory.db';

/** The `databaseUrl` option, else OBSERVATORY_DATABASE_URL, else DATABASE_URL, else ./observatory.db. */
export function resolveDatabaseUrl(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return option || env.OBSERVATORY_DATABASE_URL || env.DATABASE_URL || DEFAULT_SQLITE_PATH;
}

/**
 * `postgresql://…` / `postgres://…` select PostgreSQL; a file path, `sqlite:PATH`,
 * `file:PATH`, `libsql:PATH` or `:memory:` select SQLite through libSQL, `sqlite3:PATH`
 * through the `sqlite3` driver. OBSERVATORY_SQLITE_DRIVER=sqlite3 makes `sqlite3` the
 * driver for URLs that do not name one.
 */
export function parseDatabaseUrl(url: string, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: 'postgresql', url: trimmed };
  const scheme = /^(sqlite3|libsql|sqlite|file):(\/\/)?/i.exec(trimmed);
  const path = scheme ? trimmed.slice(scheme[0].length) : trimmed;
  if (!path || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new ObservatoryValidationError('database', [
      {
        field: 'databaseUrl',
        value: url,
        message:
          'expected postgresql://…, postgres://…, a file path, sqlite:PATH, file:PATH, libsql:PATH, sqlite3:PATH or :memory:',
      },
    ]);
  }
  const named = scheme?.[1].toLowerCase();
  const driver = named === 'sqlite3' || named === 'libsql' ? named : defaultSqliteDriver(env);
  return { dialect: 'sqlite', path, driver };
}

function defaultSqliteDriver(env: NodeJS.ProcessEnv): SqliteDriverName {
  const chosen = env.OBSERVATORY_SQLITE_DRIVER;
  if (chosen === undefined || chosen === '' || chosen === 'libsql') return 'libsql';
  if (chosen === 'sqlite3') return 'sqlite3';
  throw new ObservatoryValidationError('database', [
    { field: 'OBSERVATORY_SQLITE_DRIVER', value: chosen, message: 'expected libsql or sqlite3' },
  ]);
}

/** The URL with any password replaced, for messages and the dashboard. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
