import type { TestProject } from 'vitest/node';
import { isPostgresAvailable, TEST_POSTGRES_URL } from '../core/src/test/create-test-database.js';

import '../core/src/test/databases.js';

/**
 * Decide once per run whether the PostgreSQL half of the suite can run. Locally a missing
 * server skips it (with a notice); under CI it fails the run, so skipped PostgreSQL tests
 * can never pass for green.
 */
export default async function setup(project: TestProject): Promise<void> {
  const available = await isPostgresAvailable();
  if (!available) {
    const message = `PostgreSQL is not reachable at ${TEST_POSTGRES_URL}`;
    if (process.env.CI) throw new Error(`${message}; CI requires the PostgreSQL tests to run.`);
    console.warn(`${message}: PostgreSQL tests are skipped.`);
  }
  project.provide('postgresAvailable', available);
}
