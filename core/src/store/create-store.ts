import { MikroORM, type Options } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { type DatabaseTarget, parseDatabaseUrl } from '../database-url.js';
import { CallRollupEntity } from './call-rollup.entity.js';
import { LatencyRollupEntity } from './latency-rollup.entity.js';
import { LLMCallEntity } from './llm-call.entity.js';
import { migrations } from './migrations/index.js';
import { SessionEntity } from './session.entity.js';

/** An open, migrated store. */
export interface Store {
  orm: MikroORM;
  /** The root entity manager; fork it per unit of work. */
  em: EntityManager;
  dialect: DatabaseTarget['dialect'];
  close(): Promise<void>;
}

export const entities = [SessionEntity, LLMCallEntity, CallRollupEntity, LatencyRollupEntity];

/** Milliseconds a SQLite writer waits for another process's lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Open the database behind `databaseUrl` and apply pending migrations. */
export async function createStore(databaseUrl: string): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  const orm = await MikroORM.init(ormOptions(target));
  try {
    await orm.getMigrator().up();
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return {
    orm,
    em: orm.em as EntityManager,
    dialect: target.dialect,
    close: () => orm.close(true),
  };
}

function ormOptions(target: DatabaseTarget): Options {
  const common = {
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
    debug: false,
    migrations: {
      migrationsList: migrations,
      tableName: 'observatory_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  } satisfies Options;
  if (target.dialect === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: target.url, pool: { min: 0, max: 10 } };
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: target.path,
    pool: {
      min: 1,
      max: 1,
      // WAL lets the dashboard read while the writer writes; synchronous=NORMAL in WAL mode
      // survives a process crash (only an OS crash can lose the last commits).
      afterCreate(connection: SqliteConnectionHandle, done: (error: Error | null, connection: unknown) => void) {
        connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
        const pragmas =
          target.path === ':memory:'
            ? 'pragma foreign_keys = on;'
            : 'pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;';
        connection.exec(pragmas, (error) => done(error, connection));
      },
    },
  };
}

/** The two methods of a `sqlite3` Database handle used above. */
interface SqliteConnectionHandle {
  configure(option: 'busyTimeout', value: number): void;
  exec(sql: string, callback: (error: Error | null) => void): void;
}
