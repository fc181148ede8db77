import { explainLibsqlOpenError } from './load-store-driver.js';
import { openCurrentSqlite, type SqliteWriteDatabase, toSqliteValue } from './open-current-sqlite.js';
import type { SqlConnection, SqlValue } from './sql-connection.js';
import { sqlitePragmas } from './sqlite-pragmas.js';
import { readStoredIds } from './stored-id.js';

/** Compiled statements kept; past this many the oldest is dropped. The writer runs about 20 kinds. */
const MAX_CACHED_STATEMENTS = 64;
/** How long a write transaction waits for another process's write lock before it goes ahead and fails on it. */
const LOCK_WAIT_MS = 10_000;
/** On the host's thread: SQLite's own wait for a lock (it blocks the thread), and the pause between attempts. */
const HOST_BUSY_TIMEOUT_MS = 20;
const HOST_LOCK_RETRY_MS = 25;

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
 * Where the connection runs. libSQL runs each statement on the calling thread. On the host's
 * thread (`host`) a transaction yields to the event loop between statements and waits for
 * another process's lock between short attempts, so the app keeps running. On the writer
 * thread (`thread`) SQLite itself waits for the lock.
 */
export type LibSqlThread = 'host' | 'thread';

/**
 * A SQLite file opened with the raw libSQL driver: the whole write path's database layer
 * (no MikroORM, no knex), with the pragmas every store connection runs (sqlite-pragmas.ts).
 * A failed statement leaves libSQL 0.5's connection unable to commit ("SQL statements in
 * progress"), so after a failure the transaction is rolled back, the connection closed,
 * and the next transaction opens a new one.
 */
export class LibSqlDatabase implements SqliteWriteDatabase {
  private handle: LibSqlHandle | null = null;
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly path: string,
    private readonly thread: LibSqlThread,
    private readonly Driver: new (path: string) => LibSqlHandle,
  ) {}

  static async open(path: string, thread: LibSqlThread): Promise<LibSqlDatabase> {
    const { default: Driver } = (await import('libsql')) as unknown as {
      default: new (path: string) => LibSqlHandle;
    };
    const database = new LibSqlDatabase(path, thread, Driver);
    database.connection();
    return database;
  }

  async transaction<T>(work: (sql: SqlConnection) => Promise<T>): Promise<T> {
    const handle = this.connection();
    try {
      await this.begin(handle);
      const result = await work(this.sql(handle));
      handle.exec('commit');
      return result;
    } catch (error) {
      this.rollBack(handle);
      this.drop();
      throw error;
    }
  }

  /** The rows of one query, outside a transaction. */
  async all<Row>(sql: string): Promise<Row[]> {
    try {
      return readStoredIds(this.statement(this.connection(), sql).all([]) as Row[]);
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
    const busyTimeoutMs = this.thread === 'host' ? HOST_BUSY_TIMEOUT_MS : LOCK_WAIT_MS;
    try {
      handle.exec(sqlitePragmas(this.path, busyTimeoutMs));
    } catch (error) {
      handle.close();
      throw error;
    }
    this.handle = handle;
    return handle;
  }

  /** BEGIN IMMEDIATE, so the write lock is taken before anything is read. */
  private async begin(handle: LibSqlHandle): Promise<void> {
    if (this.thread === 'thread') return handle.exec('begin immediate');
    await beginWhenUnlocked(handle);
  }

  private sql(handle: LibSqlHandle): SqlConnection {
    // On the host's thread, yield between statements: a batch holds the app up for one
    // statement at a time, not for the whole transaction.
    const yieldToHost = this.thread === 'host' ? () => new Promise((resolve) => setImmediate(resolve)) : null;
    return {
      dialect: 'sqlite',
      run: async (sql, bindings = []) => {
        this.statement(handle, sql).run(bindings.map(toSqliteValue));
        await yieldToHost?.();
      },
      all: async <Row>(sql: string, bindings: readonly SqlValue[] = []) => {
        const rows = readStoredIds(this.statement(handle, sql).all(bindings.map(toSqliteValue)) as Row[]);
        await yieldToHost?.();
        return rows;
      },
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

  /** Close the connection and forget its statements. */
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

/** The libSQL file at `path`, opened when current (openCurrentSqlite); a driver that fails to load says how to get round it. */
export async function openCurrentLibSql(path: string, thread: LibSqlThread): Promise<LibSqlDatabase> {
  let database: LibSqlDatabase;
  try {
    database = await LibSqlDatabase.open(path, thread);
  } catch (error) {
    throw explainLibsqlOpenError(error);
  }
  return openCurrentSqlite(database, path);
}

/**
 * BEGIN IMMEDIATE on the host's thread: a busy store is retried every HOST_LOCK_RETRY_MS,
 * with the event loop running in between, until LOCK_WAIT_MS; then the transaction starts
 * anyway and its first write fails with SQLite's own "database is locked". Also MikroORM's
 * libSQL dialect's (libsql-store-driver.ts).
 */
export async function beginWhenUnlocked(handle: Pick<LibSqlHandle, 'exec'>): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return handle.exec('begin immediate');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      if (Date.now() >= deadline) return handle.exec('begin');
      await new Promise((resolve) => setTimeout(resolve, HOST_LOCK_RETRY_MS));
    }
  }
}
