import { importSqlite3 } from './load-store-driver.js';
import { openCurrentSqlite, type SqliteWriteDatabase, toSqliteValue } from './open-current-sqlite.js';
import type { SqlConnection, SqlValue } from './sql-connection.js';
import { sqlitePragmas } from './sqlite-pragmas.js';
import { readStoredIds } from './stored-id.js';

/** How long SQLite waits for another process's write lock: on sqlite3's own thread, never the host's. */
const LOCK_WAIT_MS = 10_000;

interface Sqlite3Handle {
  exec(sql: string, done: (error: Error | null) => void): void;
  run(sql: string, bindings: unknown[], done: (error: Error | null) => void): void;
  all(sql: string, bindings: unknown[], done: (error: Error | null, rows: unknown[]) => void): void;
  close(done: (error: Error | null) => void): void;
}

type Sqlite3Module = { Database: new (path: string, done: (error: Error | null) => void) => Sqlite3Handle };

/**
 * A SQLite file opened with the raw `sqlite3` driver, for the write path without MikroORM
 * (as LibSqlDatabase is for libSQL). sqlite3 runs every statement on a libuv thread, so
 * SQLite itself may wait for a lock. Transactions run one at a time on the one connection.
 */
export class Sqlite3Database implements SqliteWriteDatabase {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly handle: Sqlite3Handle) {}

  static async open(path: string): Promise<Sqlite3Database> {
    const sqlite3 = (await importSqlite3()) as Sqlite3Module;
    const handle = await new Promise<Sqlite3Handle>((resolve, reject) => {
      const opened: Sqlite3Handle = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
    });
    const database = new Sqlite3Database(handle);
    await database.exec(sqlitePragmas(path, LOCK_WAIT_MS));
    return database;
  }

  transaction<T>(work: (sql: SqlConnection) => Promise<T>): Promise<T> {
    const done = this.queue.then(async () => {
      await this.exec('begin immediate');
      try {
        const result = await work(this.sql());
        await this.exec('commit');
        return result;
      } catch (error) {
        await this.exec('rollback').catch(() => {});
        throw error;
      }
    });
    this.queue = done.catch(() => {});
    return done;
  }

  all<Row>(sql: string, bindings: readonly SqlValue[] = []): Promise<Row[]> {
    return new Promise((resolve, reject) =>
      this.handle.all(sql, bindings.map(toSqliteValue), (error, rows) =>
        error ? reject(error) : resolve(readStoredIds(rows as Row[])),
      ),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.handle.close(() => resolve()));
  }

  private sql(): SqlConnection {
    return {
      dialect: 'sqlite',
      run: (sql, bindings = []) =>
        new Promise((resolve, reject) =>
          this.handle.run(sql, bindings.map(toSqliteValue), (error) => (error ? reject(error) : resolve())),
        ),
      all: (sql, bindings) => this.all(sql, bindings),
    };
  }

  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.handle.exec(sql, (error) => (error ? reject(error) : resolve())));
  }
}

/** The sqlite3 file at `path`, opened when current (openCurrentSqlite). */
export async function openCurrentSqlite3(path: string): Promise<Sqlite3Database> {
  return openCurrentSqlite(await Sqlite3Database.open(path), path);
}
