import { MikroORM, type Options } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { type DatabaseTarget, parseDatabaseUrl } from '../database-url.js';
import { CallRollupEntity } from './call-rollup.entity.js';
import { LLMCallEntity } from './llm-call.entity.js';
import { loadStoreDriver, type StoreDriver } from './load-store-driver.js';
import { migrations } from './migrations/index.js';
import { SessionEntity } from './session.entity.js';
import { sqlitePragmas } from './sqlite-pragmas.js';
import { readStoredIds } from './stored-id.js';

/** An open, migrated store. */
export interface Store {
  orm: MikroORM;
  /** The root entity manager; fork it per unit of work. */
  em: EntityManager;
  dialect: DatabaseTarget['dialect'];
  close(): Promise<void>;
}

export const entities = [SessionEntity, LLMCallEntity, CallRollupEntity];

/** Open the database behind `databaseUrl` and apply pending migrations. */
export async function createStore(databaseUrl: string): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  const driver = await loadStoreDriver(target);
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormOptions(target, driver));
  } catch (error) {
    throw driver.explainOpenError(error);
  }
  try {
    await orm.getMigrator().up();
  } catch (error) {
    await orm.close(true);
    throw driver.explainOpenError(error);
  }
  return {
    orm,
    em: orm.em as EntityManager,
    dialect: target.dialect,
    close: () => orm.close(true),
  };
}

const SILENT_KNEX_LOG = { warn() {}, error() {}, deprecate() {}, debug() {} };

function ormOptions(target: DatabaseTarget, driver: StoreDriver): Options {
  const common = {
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
    debug: false,
    driver: driver.driver,
    migrations: {
      migrationsList: migrations,
      tableName: 'observatory_migrations',
      transactional: true,
      // Each migration in a transaction of its own: on the sqlite3 driver (SQLite 3.44), a
      // SAVEPOINT after 0017's drop of an FTS5 table in the same transaction fails ("SQL
      // logic error"), so 0018 could not follow 0017 inside one transaction of all of them.
      allOrNothing: false,
      snapshot: false,
      silent: true,
    },
  } satisfies Options;
  if (target.dialect === 'postgresql') {
    return { ...common, clientUrl: target.url, pool: { min: 0, max: 10 } };
  }
  const pragmas = sqlitePragmas(target.path, driver.busyTimeoutMs);
  return {
    ...common,
    dbName: target.path,
    // knex would print its own advice to the host's console (for a missing sqlite3 binding:
    // "run npm install sqlite3", which does not help under npm 12); failures reach the app
    // once, through onError, with the command that does.
    // Ids kept as 16 bytes are read back as text by every query (stored-id.ts).
    driverOptions: { log: SILENT_KNEX_LOG, postProcessResponse: readStoredIds },
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: unknown, done: (error: Error | null, connection: unknown) => void) {
        driver.execute(connection, pragmas).then(
          () => done(null, connection),
          (error: Error) => done(error, connection),
        );
      },
    },
  };
}
