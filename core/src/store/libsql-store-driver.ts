import { AbstractSqlDriver, type Configuration, LibSqlKnexDialect } from '@mikro-orm/knex';
import { LibSqlConnection, LibSqlPlatform } from '@mikro-orm/libsql';
import { beginWhenUnlocked } from './libsql-database.js';

/**
 * Statements read as they are outside a transaction, never waiting for the write lock
 * (`with` for the recursive project scan every page asks for). A write that starts with
 * `with` would meet the 20 ms busy timeout as before; none does.
 */
const READ_ONLY_SQL = /^\s*(select|with|pragma|explain)\b/i;

/** Compiled statements kept per connection; past this many the oldest is dropped. */
const MAX_CACHED_STATEMENTS = 64;

interface LibSqlStatement {
  /** True when the statement returns rows. */
  readonly reader: boolean;
  run(bindings: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  all(bindings: unknown[]): unknown[];
}

/** A raw libsql connection, with the mark this dialect leaves on one it will not reuse. */
interface LibSqlHandle {
  exec(sql: string): void;
  readonly inTransaction: boolean;
  prepare(sql: string): LibSqlStatement;
  broken?: unknown;
  /** Statements with parameters, by their SQL: the writer's are the same every batch. */
  statements?: Map<string, LibSqlStatement>;
}

interface KnexQuery {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
  context?: unknown;
}

/**
 * libsql's knex dialect with these changes for a store that several processes write:
 * - write transactions start with BEGIN IMMEDIATE, so the write lock is taken before
 *   anything is read and a busy store never fails a transaction halfway. libsql waits for
 *   a lock on the calling thread, so the store's busy timeout is short and the waiting
 *   happens here, between attempts, while the host keeps running. After LOCK_WAIT_MS the
 *   transaction starts anyway and its first write fails with SQLite's own "database is
 *   locked" (knex hides an error thrown by BEGIN itself);
 * - a connection on which a statement failed is replaced: libsql 0.5 leaves a failed
 *   statement in progress until it is garbage-collected, and every later COMMIT on that
 *   connection then fails with "SQL statements in progress";
 * - a statement with parameters is compiled once per connection and reused, and a
 *   connection is kept until it breaks (the base dialect replaced it every 10 s, and with it
 *   SQLite's parsed schema and every compiled statement).
 */
class ObservatoryLibSqlDialect extends LibSqlKnexDialect {
  override async _query(connection: LibSqlHandle, obj: KnexQuery) {
    if (obj.sql === 'BEGIN;') {
      await beginWhenUnlocked(connection);
      obj.response = { changes: 0, lastInsertRowid: 0 };
      obj.context = { lastID: 0, changes: 0 };
      return obj;
    }
    // A write outside a transaction (the dashboard's settings and alerts) takes the lock as
    // a transaction does: waiting between attempts while the host runs, where the store's
    // 20 ms busy timeout failed it with "database is locked" whenever the writer was busy.
    const alone = !connection.inTransaction && !READ_ONLY_SQL.test(obj.sql);
    try {
      if (alone) await beginWhenUnlocked(connection);
      const statement = statementOf(connection, obj);
      const bindings = this._formatBindings(obj.bindings);
      if (statement.reader) {
        obj.response = statement.all(bindings);
        obj.context = { lastID: 0, changes: 0 };
      } else {
        const response = statement.run(bindings);
        obj.response = response;
        obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
      }
      if (alone) connection.exec('commit');
      return obj;
    } catch (error) {
      connection.broken = error;
      if (alone && connection.inTransaction) connection.exec('rollback');
      throw error;
    } finally {
      // libsql runs each statement on this thread and knex chains a transaction's statements
      // as microtasks: yield to the event loop between them, so a batch holds the host up
      // for one statement at a time rather than for the whole transaction.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  override validateConnection(connection: LibSqlHandle): boolean {
    return connection.broken === undefined;
  }
}

function statementOf(connection: LibSqlHandle, obj: KnexQuery): LibSqlStatement {
  // SQL without parameters (MikroORM writes values into it) is rarely run twice: not kept.
  if (!obj.bindings?.length) return connection.prepare(obj.sql);
  connection.statements ??= new Map();
  let statement = connection.statements.get(obj.sql);
  if (!statement) {
    statement = connection.prepare(obj.sql);
    if (connection.statements.size >= MAX_CACHED_STATEMENTS) {
      connection.statements.delete(connection.statements.keys().next().value as string);
    }
    connection.statements.set(obj.sql, statement);
  }
  return statement;
}

class ObservatoryLibSqlConnection extends LibSqlConnection {
  override createKnex(): void {
    // knex takes a dialect class where MikroORM's type says a client name (its own libsql connection does the same).
    this.client = this.createKnexClient(ObservatoryLibSqlDialect as unknown as string);
    this.connected = true;
  }
}

/** MikroORM's libsql driver with the dialect above. */
export class ObservatoryLibSqlDriver extends AbstractSqlDriver<ObservatoryLibSqlConnection> {
  constructor(config: Configuration) {
    super(config, new LibSqlPlatform(), ObservatoryLibSqlConnection, ['knex', 'libsql']);
  }
}
