import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseDatabaseUrl } from './database-url.js';

/**
 * `.observatory/spool/<hash of the database or ingest URL>` under the working directory, so
 * two destinations never share a spool; null for an in-memory SQLite store, which has
 * nothing to come back to.
 */
export function defaultSpoolDir(destination: string, cwd = process.cwd()): string | null {
  if (!/^https?:\/\//i.test(destination)) {
    try {
      const target = parseDatabaseUrl(destination);
      if (target.dialect === 'sqlite' && target.path === ':memory:') return null;
    } catch {
      return null;
    }
  }
  const hash = createHash('sha256').update(destination).digest('hex').slice(0, 12);
  return join(cwd, '.observatory', 'spool', hash);
}
