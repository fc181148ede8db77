import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observatory } from '../observatory.js';
import type { ObservatoryOptions } from '../observatory-options.js';
import { createTestDatabase, type TestDatabaseKind } from './create-test-database.js';

export interface TestObservatory {
  obs: Observatory;
  databaseUrl: string;
  /** Errors reported through onError (strict mode throws the caller's own errors instead). */
  errors: unknown[];
  /** Close the observatory and drop its database. */
  cleanup(): Promise<void>;
}

/**
 * An Observatory on a throwaway real database (a SQLite file by default), strict, with a
 * unique project name and no exit hooks.
 *
 * @example
 * const { obs, cleanup } = await createTestObservatory({ database: 'postgres' })
 */
export async function createTestObservatory(
  options: ObservatoryOptions & { database?: TestDatabaseKind } = {},
): Promise<TestObservatory> {
  const { database = 'sqlite', ...rest } = options;
  const db = await createTestDatabase(database);
  const errors: unknown[] = [];
  const spoolRoot = mkdtempSync(join(tmpdir(), 'observatory-spool-'));
  const obs = new Observatory({
    projectName: `test-${randomBytes(3).toString('hex')}`,
    strict: true,
    flushOnExit: false,
    flushIntervalMs: 20,
    onError: (error) => errors.push(error),
    spoolDir: join(spoolRoot, 'spool'),
    ...rest,
    databaseUrl: db.url,
  });
  return {
    obs,
    databaseUrl: db.url,
    errors,
    cleanup: async () => {
      await obs.close();
      await db.drop();
      rmSync(spoolRoot, { recursive: true, force: true });
    },
  };
}
