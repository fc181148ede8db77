import type { Knex } from '@mikro-orm/knex';
import type { Migration } from '@mikro-orm/migrations';

/** The two databases a store can live in. */
export type StoreDialect = 'sqlite' | 'postgresql';

/** The database a knex instance (or transaction) talks to. */
export function dialectOf(knex: Knex): StoreDialect {
  return (knex.client as { dialect?: string }).dialect === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** True when a migration runs against PostgreSQL (the other store is SQLite). */
export function runsOnPostgres(migration: Migration): boolean {
  return dialectOf(migration.getKnex()) === 'postgresql';
}
