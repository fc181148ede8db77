import { describe, expect, it } from 'vitest';
import { describeDatabaseUrl, parseDatabaseUrl, resolveDatabaseUrl } from './database-url.js';

describe('database URLs', () => {
  it('selects PostgreSQL or SQLite from the URL', () => {
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ dialect: 'postgresql', url: 'postgresql://u@h/db' });
    expect(parseDatabaseUrl('postgres://u@h/db').dialect).toBe('postgresql');
    const env = {};
    expect(parseDatabaseUrl('./data/obs.db', env)).toEqual({
      dialect: 'sqlite',
      path: './data/obs.db',
      driver: 'libsql',
    });
    expect(parseDatabaseUrl('sqlite:/tmp/a.db', env)).toEqual({
      dialect: 'sqlite',
      path: '/tmp/a.db',
      driver: 'libsql',
    });
    expect(parseDatabaseUrl('file:///tmp/a.db', env)).toEqual({
      dialect: 'sqlite',
      path: '/tmp/a.db',
      driver: 'libsql',
    });
    expect(parseDatabaseUrl(':memory:', env)).toEqual({ dialect: 'sqlite', path: ':memory:', driver: 'libsql' });
  });

  it('picks the SQLite driver from the scheme, else OBSERVATORY_SQLITE_DRIVER, else libsql', () => {
    expect(parseDatabaseUrl('sqlite3:/tmp/a.db', {})).toEqual({
      dialect: 'sqlite',
      path: '/tmp/a.db',
      driver: 'sqlite3',
    });
    expect(parseDatabaseUrl('libsql:a.db', { OBSERVATORY_SQLITE_DRIVER: 'sqlite3' })).toMatchObject({
      driver: 'libsql',
    });
    expect(parseDatabaseUrl('a.db', { OBSERVATORY_SQLITE_DRIVER: 'sqlite3' })).toMatchObject({ driver: 'sqlite3' });
    expect(() => parseDatabaseUrl('a.db', { OBSERVATORY_SQLITE_DRIVER: 'duckdb' })).toThrow(
      /OBSERVATORY_SQLITE_DRIVER = "duckdb"/,
    );
  });

  it('rejects other schemes, naming the value', () => {
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(/databaseUrl = "mysql:\/\/h\/db"/);
  });

  it('resolves option, then OBSERVATORY_DATABASE_URL, then DATABASE_URL, then ./observatory.db', () => {
    expect(resolveDatabaseUrl('a.db', { OBSERVATORY_DATABASE_URL: 'b.db' })).toBe('a.db');
    expect(resolveDatabaseUrl(undefined, { OBSERVATORY_DATABASE_URL: 'b.db', DATABASE_URL: 'c.db' })).toBe('b.db');
    expect(resolveDatabaseUrl(undefined, { DATABASE_URL: 'c.db' })).toBe('c.db');
    expect(resolveDatabaseUrl(undefined, {})).toBe('./observatory.db');
  });

  it('hides passwords', () => {
    expect(describeDatabaseUrl('postgresql://user:s3cret@host:5432/db')).toBe('postgresql://user:***@host:5432/db');
  });
});
