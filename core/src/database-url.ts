import { ObservatoryValidationError } from './observatory-error.js';

/** Where the store lives, parsed from a database URL. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgresql'; url: string };

export const DEFAULT_SQLITE_PATH = './observatory.db';

/** The `databaseUrl` option, else OBSERVATORY_DATABASE_URL, else DATABASE_URL, else ./observatory.db. */
export function resolveDatabaseUrl(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return option || env.OBSERVATORY_DATABASE_URL || env.DATABASE_URL || DEFAULT_SQLITE_PATH;
}

/**
 * `postgresql://…` / `postgres://…` select PostgreSQL; a file path, `sqlite:PATH`,
 * `file:PATH` or `:memory:` select SQLite.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: 'postgresql', url: trimmed };
  const path = trimmed.replace(/^(sqlite|file):(\/\/)?/i, '');
  if (!path || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new ObservatoryValidationError('database', [
      {
        field: 'databaseUrl',
        value: url,
        message: 'expected postgresql://…, postgres://…, a file path, sqlite:PATH, file:PATH or :memory:',
      },
    ]);
  }
  return { dialect: 'sqlite', path };
}

/** The URL with any password replaced, for messages and the dashboard. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
