import { MikroORM, type Options } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { type DatabaseTarget, parseDatabaseUrl } from '../database-url.js';
import { CallRollupEntity } from './call-rollup.entity.js';
import { LatencyRollupEntity } from './latency-rollup.entity.js';
import { LLMCallEntity } from './llm-call.entity.js';
import { loadStoreDriver, type StoreDriver } from './load-store-driver.js';
import { LATEST_MIGRATION } from './migrations/latest-migration.js';
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
    if (!(await isCurrent(orm.em as EntityManager))) await migrate(orm);
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

/** Whether the newest migration already ran (no migrations table yet: not current). */
async function isCurrent(em: EntityManager): Promise<boolean> {
  try {
    return (await em.getKnex()('observatory_migrations').where('name', LATEST_MIGRATION).first('name')) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Apply the pending migrations. The migrator (umzug) and the migrations themselves are loaded
 * only here, so opening a current store does not load them (~8 MB of a host's memory).
 */
async function migrate(orm: MikroORM): Promise<void> {
  const [{ Migrator }, { migrations }] = await Promise.all([
    import('@mikro-orm/migrations'),
    import('./migrations/index.js'),
  ]);
  orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList: migrations });
  Migrator.register(orm);
  await orm.getMigrator().up();
}

const SILENT_KNEX_LOG = { warn() {}, error() {}, deprecate() {}, debug() {} };

function ormOptions(target: DatabaseTarget, driver: StoreDriver): Options {
  const common = {
    entities,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: true,
    debug: false,
    driver: driver.driver,
    migrations: {
      tableName: 'observatory_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  } satisfies Options;
  if (target.dialect === 'postgresql') {
    return { ...common, clientUrl: target.url, pool: { min: 0, max: 10 } };
  }
  // WAL lets the dashboard read while the writer writes; synchronous=NORMAL in WAL mode
  // survives a process crash (only an OS crash can lose the last commits).
  const pragmas = [
    `pragma busy_timeout = ${driver.busyTimeoutMs}`,
    ...(target.path === ':memory:' ? [] : ['pragma journal_mode = wal', 'pragma synchronous = normal']),
    'pragma foreign_keys = on',
  ];
  return {
    ...common,
    dbName: target.path,
    // knex would print its own advice to the host's console (for a missing sqlite3 binding:
    // "run npm install sqlite3", which does not help under npm 12); failures reach the app
    // once, through onError, with the command that does.
    driverOptions: { log: SILENT_KNEX_LOG },
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: unknown, done: (error: Error | null, connection: unknown) => void) {
        driver.execute(connection, pragmas.join('; ')).then(
          () => done(null, connection),
          (error: Error) => done(error, connection),
        );
      },
    },
  };
}
