import type { Knex } from '@mikro-orm/knex';
import { dialectOf, type StoreDialect } from './store-dialect.js';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | bigint | boolean | Date | Buffer | null;

/**
 * What the write path needs of a database: statements with `?` placeholders, on one
 * connection (inside a transaction when it came from `SqlDatabase.transaction`). Knex
 * serves it on the host's thread (PostgreSQL, the sqlite3 driver, the CLI's imports); a
 * raw libSQL connection serves it in the writer thread, without MikroORM or knex loaded.
 */
export interface SqlConnection {
  readonly dialect: StoreDialect;
  /** Run a statement that returns no rows. */
  run(sql: string, bindings?: readonly SqlValue[]): Promise<void>;
  /** The rows of a query, keyed by the column names the SQL gives. */
  all<Row>(sql: string, bindings?: readonly SqlValue[]): Promise<Row[]>;
}

/** A database that runs work in one transaction, committed when `work` resolves. */
export interface SqlDatabase {
  transaction<T>(work: (sql: SqlConnection) => Promise<T>): Promise<T>;
}

/** A knex instance or transaction as a SqlConnection. */
export function knexSql(knex: Knex): SqlConnection {
  const dialect = dialectOf(knex);
  return {
    dialect,
    run: async (sql, bindings = []) => {
      await knex.raw(sql, bindings as Knex.RawBinding[]);
    },
    all: async <Row>(sql: string, bindings: readonly SqlValue[] = []) => {
      const result = await knex.raw(sql, bindings as Knex.RawBinding[]);
      // SQLite dialects answer with the rows, PostgreSQL with a result holding them.
      return (dialect === 'postgresql' ? (result as { rows: Row[] }).rows : result) as Row[];
    },
  };
}

/** A knex instance as a SqlDatabase: knex's own transaction (no MikroORM unit of work, which costs a few hundred µs a batch). */
export function knexDatabase(knex: Knex): SqlDatabase {
  return { transaction: (work) => knex.transaction((trx) => work(knexSql(trx))) };
}
