import type { Knex } from '@mikro-orm/knex';
import { dialectOf, type StoreDialect } from './store-dialect.js';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | bigint | boolean | Date | Buffer | null;

/**
 * What the write path needs of a database: statements with `?` placeholders, on one
 * connection (inside a transaction when it came from `SqlDatabase.transaction`). Served by
 * knex for the sqlite3 driver and the queries that write (pruning, naming a metadata key);
 * by a knex transaction's own `pg` connection for the writer on PostgreSQL (pgSql); by a raw
 * libSQL connection for a libSQL file, without MikroORM or knex loaded.
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

/**
 * A knex instance as a SqlDatabase: knex's own transaction (no MikroORM unit of work, which
 * costs a few hundred µs a batch). On PostgreSQL the statements go straight to the
 * transaction's `pg` connection (pgSql).
 */
export function knexDatabase(knex: Knex): SqlDatabase {
  const postgres = dialectOf(knex) === 'postgresql';
  return {
    transaction: (work) =>
      knex.transaction(async (trx) =>
        work(postgres ? pgSql((await trx.client.acquireConnection()) as PgConnection) : knexSql(trx)),
      ),
  };
}

/** What the write path needs of a `pg` connection. */
interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A PostgreSQL connection as a SqlConnection, its `?` placeholders numbered `$1…$n` once
 * per distinct SQL text. knex.raw numbers them again for every statement, in two passes over
 * the text: for the writer's 100-row INSERTs (2,900 parameters) that was 6 µs a call written.
 */
function pgSql(connection: PgConnection): SqlConnection {
  return {
    dialect: 'postgresql',
    run: async (sql, bindings = []) => {
      await connection.query(numberedPlaceholders(sql), bindings as unknown[]);
    },
    all: async <Row>(sql: string, bindings: readonly SqlValue[] = []) =>
      (await connection.query(numberedPlaceholders(sql), bindings as unknown[])).rows as Row[],
  };
}

/** The write path's SQL texts, numbered; they differ only in their number of rows, so few. */
const numbered = new Map<string, string>();

/** `sql` with each `?` as `$1`, `$2`, …: the write path's SQL has no `?` inside a literal. */
function numberedPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size >= 1000) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}
