import type { SqlConnection, SqlDatabase, SqlValue } from './sql-connection.js';

/** Compiled statements kept; past this many the oldest is dropped. The writer runs about 20 kinds. */
const MAX_CACHED_STATEMENTS = 64;
/**
 * How long a write transaction waits for another process's write lock. This connection
 * lives in the writer thread, so SQLite may wait on it: the host's thread never does.
 */
const LOCK_WAIT_MS = 10_000;

interface Statement {
  run(bindings: unknown[]): unknown;
  all(bindings: unknown[]): unknown[];
}

interface LibSqlHandle {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}

/**
 * A SQLite file opened with the raw libSQL driver: the writer thread's whole database layer
 * (no MikroORM, no knex). Same pragmas as the MikroORM store (create-store.ts). A failed
 * statement leaves libSQL 0.5's connection unable to commit ("SQL statements in progress"),
 * so after a failure the connection is closed and the next transaction opens a new one.
 */
export class LibSqlDatabase implements SqlDatabase {
  private handle: LibSqlHandle | null = null;
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly path: string,
    private readonly Driver: new (path: string) => LibSqlHandle,
  ) {}

  static async open(path: string): Promise<LibSqlDatabase> {
    const { default: Driver } = (await import('libsql')) as unknown as {
      default: new (path: string) => LibSqlHandle;
    };
    const database = new LibSqlDatabase(path, Driver);
    database.connection();
    return database;
  }

  async transaction<T>(work: (sql: SqlConnection) => Promise<T>): Promise<T> {
    const handle = this.connection();
    try {
      handle.exec('begin immediate');
      const result = await work(this.sql(handle));
      handle.exec('commit');
      return result;
    } catch (error) {
      this.rollBack(handle);
      this.drop();
      throw error;
    }
  }

  /** Rows of one query outside a transaction. */
  all<Row>(sql: string, bindings: readonly SqlValue[] = []): Row[] {
    try {
      return this.statement(this.connection(), sql).all(bindings.map(toSqlite)) as Row[];
    } catch (error) {
      this.drop();
      throw error;
    }
  }

  close(): void {
    this.drop();
  }

  private connection(): LibSqlHandle {
    if (this.handle) return this.handle;
    const handle = new this.Driver(this.path);
    try {
      handle.exec(
        `pragma busy_timeout = ${LOCK_WAIT_MS}; pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on`,
      );
    } catch (error) {
      handle.close();
      throw error;
    }
    this.handle = handle;
    return handle;
  }

  private sql(handle: LibSqlHandle): SqlConnection {
    return {
      dialect: 'sqlite',
      run: async (sql, bindings = []) => {
        this.statement(handle, sql).run(bindings.map(toSqlite));
      },
      all: async <Row>(sql: string, bindings: readonly SqlValue[] = []) =>
        this.statement(handle, sql).all(bindings.map(toSqlite)) as Row[],
    };
  }

  private statement(handle: LibSqlHandle, sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = handle.prepare(sql);
      if (this.statements.size >= MAX_CACHED_STATEMENTS) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Undo the open transaction, so its lock is gone even if closing the connection fails. */
  private rollBack(handle: LibSqlHandle): void {
    try {
      handle.exec('rollback');
    } catch {
      // No transaction was open (BEGIN itself failed).
    }
  }

  /** Close the connection (rolling back what it had not committed) and forget its statements. */
  private drop(): void {
    this.statements.clear();
    const handle = this.handle;
    this.handle = null;
    try {
      handle?.close();
    } catch {
      // Closing a broken connection may fail too; it is dropped either way.
    }
  }
}

/** SQLite has no dates or booleans: epoch milliseconds and 0/1, as the MikroORM store keeps them. */
function toSqlite(value: SqlValue): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
