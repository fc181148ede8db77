import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseDatabaseUrl } from './database-url.js';

/**
 * `.observatory/spool/<hash of the database URL>` under the working directory, so two
 * databases never share a spool; null for an in-memory SQLite store, which has nothing to
 * come back to.
 */
export function defaultSpoolDir(databaseUrl: string, cwd = process.cwd()): string | null {
  try {
    const target = parseDatabaseUrl(databaseUrl);
    if (target.dialect === 'sqlite' && target.path === ':memory:') return null;
  } catch {
    return null;
  }
  const hash = createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12);
  return join(cwd, '.observatory', 'spool', hash);
}
