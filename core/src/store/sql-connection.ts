import { createHash } from 'node:crypto';
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
  query(query: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A PostgreSQL connection as a SqlConnection. Each SQL text's `?` placeholders are numbered
 * `$1…$n` once (knex.raw numbered them again for every statement, in two passes over the text:
 * 6 µs a call written), and each INSERT is a named prepared statement: the server parses a
 * 500-row INSERT (14,500 parameters) once per connection, then only binds values. Other
 * statements stay unnamed: after five runs PostgreSQL may keep a generic plan for a named
 * one, and for `select id … where id in (…)` that plan read the whole table (an import of
 * 200k calls went from 6,500 to 400 calls/s).
 */
function pgSql(connection: PgConnection): SqlConnection {
  const query = async (sql: string, bindings: readonly SqlValue[]) => {
    const { name, text } = prepared(sql);
    const values = bindings as unknown[];
    if (!namedStatements || name === null) return connection.query({ text, values });
    try {
      return await connection.query({ name, text, values });
    } catch (error) {
      // A pooler in transaction mode (PgBouncer before 1.21, or without max_prepared_statements)
      // hands each transaction any server connection, so a name parsed on one is unknown
      // (26000) or already taken (42P05) on another: from now on, unnamed statements. The
      // batch fails this once and the writer retries it.
      const code = (error as { code?: string }).code;
      if (code === '26000' || code === '42P05') namedStatements = false;
      throw error;
    }
  };
  return {
    dialect: 'postgresql',
    run: async (sql, bindings = []) => {
      await query(sql, bindings);
    },
    all: async <Row>(sql: string, bindings: readonly SqlValue[] = []) => (await query(sql, bindings)).rows as Row[],
  };
}

/** Off once a pooler has shown that named statements do not survive from one transaction to the next. */
let namedStatements = true;

/** The write path's SQL texts, numbered and named; they differ only in their number of rows, so few. */
const preparedTexts = new Map<string, { name: string | null; text: string }>();

/**
 * `sql` with each `?` as `$1`, `$2`, … (the write path's SQL has no `?` inside a literal),
 * and for an INSERT a name from a hash of the text: the same name is the same statement in
 * every process, which matters where processes share server connections through a pooler.
 */
function prepared(sql: string): { name: string | null; text: string } {
  let statement = preparedTexts.get(sql);
  if (statement === undefined) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const name = sql.startsWith('insert ')
      ? `observatory_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`
      : null;
    statement = { name, text };
    if (preparedTexts.size >= 1000) preparedTexts.clear();
    preparedTexts.set(sql, statement);
  }
  return statement;
}
