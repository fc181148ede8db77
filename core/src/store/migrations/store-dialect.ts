import type { Migration } from '@mikro-orm/migrations';

/** True when a migration runs against PostgreSQL (the other store is SQLite). */
export function runsOnPostgres(migration: Migration): boolean {
  return (migration.getKnex().client as { dialect?: string }).dialect === 'postgresql';
}
