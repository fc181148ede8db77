import { describe, expect, it } from 'vitest';
import { describeDatabaseUrl, parseDatabaseUrl, resolveDatabaseUrl } from './database-url.js';

describe('database URLs', () => {
  it('selects PostgreSQL or SQLite from the URL', () => {
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ dialect: 'postgresql', url: 'postgresql://u@h/db' });
    expect(parseDatabaseUrl('postgres://u@h/db').dialect).toBe('postgresql');
    expect(parseDatabaseUrl('./data/obs.db')).toEqual({ dialect: 'sqlite', path: './data/obs.db' });
    expect(parseDatabaseUrl('sqlite:/tmp/a.db')).toEqual({ dialect: 'sqlite', path: '/tmp/a.db' });
    expect(parseDatabaseUrl('file:///tmp/a.db')).toEqual({ dialect: 'sqlite', path: '/tmp/a.db' });
    expect(parseDatabaseUrl(':memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
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
