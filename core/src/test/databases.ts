import { inject } from 'vitest';
import type { TestDatabaseKind } from './create-test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the workspace's vitest global setup: does the test PostgreSQL server answer? */
    postgresAvailable: boolean;
  }
}

/** The databases a store test runs on: SQLite always, PostgreSQL when the server answers. */
export function testDatabases(): TestDatabaseKind[] {
  return inject('postgresAvailable') ? ['sqlite', 'postgres'] : ['sqlite'];
}
