import type { Migration } from '@mikro-orm/migrations';

/** The two databases a store can live in. */
export type StoreDialect = 'sqlite' | 'postgresql';

/** True when a migration runs against PostgreSQL (the other store is SQLite). */
export function runsOnPostgres(migration: Migration): boolean {
  return (migration.getKnex().client as { dialect?: string }).dialect === 'postgresql';
}
