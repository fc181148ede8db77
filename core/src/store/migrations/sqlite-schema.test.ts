import { afterEach, describe, expect, it } from 'vitest';
import { Observatory } from '../../observatory.js';
import { createTestDatabase, makeCall, type TestDatabase } from '../../test/index.js';
import { createStore } from '../create-store.js';
import { LibSqlDatabase, openCurrentLibSql } from '../libsql-database.js';
import { STALE_SCHEMA, schemaIsCurrent } from '../open-current-sqlite.js';
import { createNewSqliteSchema } from './create-new-sqlite-schema.js';
import { migrations } from './index.js';
import { MIGRATION_NAMES } from './migration-names.js';
import { readSqliteSchema } from './read-sqlite-schema.js';
import { SQLITE_SCHEMA } from './sqlite-schema.js';

/**
 * The store at `path` through libSQL, whatever OBSERVATORY_SQLITE_DRIVER says: these tests
 * also open the file with the raw libSQL driver, and two SQLite libraries in one process
 * must not share a file (each may think it holds the last connection when it closes, and
 * remove the WAL under the other: a sqlite3-driver run once failed here with SQLITE_IOERR).
 */
const onLibSql = (path: string) => `libsql:${path}`;

/** Everything SQLite keeps of a store's schema, FTS5's own tables included. */
async function wholeSchema(path: string): Promise<unknown[]> {
  const store = await createStore(onLibSql(path));
  try {
    return await store.em.getKnex().raw('select type, name, tbl_name, sql from sqlite_master order by name');
  } finally {
    await store.close();
  }
}

describe('a new SQLite store created without MikroORM', () => {
  const dbs: TestDatabase[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.drop();
  });
  async function newDatabase(): Promise<TestDatabase> {
    const db = await createTestDatabase('sqlite');
    dbs.push(db);
    return db;
  }

  it('is the schema the migrations build (regenerate with core/scripts/generate-sqlite-schema.ts)', async () => {
    expect(migrations.map((migration) => migration.name)).toEqual([...MIGRATION_NAMES]);
    expect(migrations.every((migration) => typeof migration.class === 'function')).toBe(true);
    const migrated = await newDatabase();
    const store = await createStore(onLibSql(migrated.url));
    try {
      expect(await readSqliteSchema((sql) => store.em.getKnex().raw(sql))).toEqual(SQLITE_SCHEMA);
    } finally {
      await store.close();
    }
  });

  it('holds every table, index and migration record MikroORM’s migrator leaves, once, and MikroORM finds nothing to run', async () => {
    const migrated = await newDatabase();
    const created = await newDatabase();
    const database = await openCurrentLibSql(created.url, 'host');
    try {
      expect(await schemaIsCurrent(database)).toBe(true);
      // Already created (as by another process at the same moment): nothing is done twice.
      expect(await createNewSqliteSchema(database)).toBe(false);
    } finally {
      database.close();
    }
    expect(await wholeSchema(created.url)).toEqual(await wholeSchema(migrated.url));
    const store = await createStore(onLibSql(created.url));
    try {
      const ran = await store.em.getKnex()('observatory_migrations').orderBy('id').select('name');
      expect(ran.map((row: { name: string }) => row.name)).toEqual([...MIGRATION_NAMES]);
    } finally {
      await store.close();
    }
  });

  it('leaves an older store to MikroORM’s migrations, which the writer runs before writing', async () => {
    const db = await newDatabase();
    const store = await createStore(onLibSql(db.url));
    await store.em.getKnex().raw("delete from observatory_migrations where name = '0016-one-hour-cache-writes'");
    await store.em.getKnex().raw('alter table llm_calls drop column cache_write_1h_tokens');
    await store.close();
    await expect(openCurrentLibSql(db.url, 'host')).rejects.toMatchObject({ code: STALE_SCHEMA });
    const errors: unknown[] = [];
    const obs = new Observatory({
      databaseUrl: onLibSql(db.url),
      projectName: 'older',
      onError: (e) => errors.push(e),
    });
    try {
      obs.recordCall(makeCall());
      await obs.flush();
      expect(errors).toEqual([]);
      expect(await obs.storage.countLlmCalls({ projectName: 'older' })).toBe(1);
    } finally {
      await obs.close();
    }
    const current = await LibSqlDatabase.open(db.url, 'host');
    try {
      expect(await schemaIsCurrent(current)).toBe(true);
    } finally {
      current.close();
    }
  });
});
