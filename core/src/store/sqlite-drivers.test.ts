import { afterEach, describe, expect, it } from 'vitest';
import { Observatory } from '../observatory.js';
import { createTestDatabase, makeCall, type TestDatabase } from '../test/index.js';
import { createStore } from './create-store.js';
import { loadStoreDriver } from './load-store-driver.js';

/** Record `count` calls into `databaseUrl` and close. */
async function record(databaseUrl: string, projectName: string, count: number): Promise<void> {
  const obs = new Observatory({ databaseUrl, projectName, flushOnExit: false, strict: true, spoolDir: false });
  for (let i = 0; i < count; i++) obs.recordCall(makeCall({ promptTokens: 100 + i, completionTokens: 10 }));
  await obs.close();
}

describe('the two SQLite drivers', () => {
  let db: TestDatabase;
  afterEach(async () => {
    await db?.drop();
  });

  it('opens libsql by default and sqlite3 for sqlite3:PATH, and each reads what the other wrote', async () => {
    db = await createTestDatabase('sqlite');
    const driverOf = async (url: string) => {
      const store = await createStore(url);
      const name = store.orm.config.get('driver')?.name;
      await store.close();
      return name;
    };
    expect(await driverOf(`libsql:${db.url}`)).toBe('ObservatoryLibSqlDriver');
    expect(await driverOf(`sqlite3:${db.url}`)).toBe('SqliteDriver');

    await record(`libsql:${db.url}`, 'written-by-libsql', 30);
    await record(`sqlite3:${db.url}`, 'written-by-sqlite3', 20);
    for (const url of [`libsql:${db.url}`, `sqlite3:${db.url}`]) {
      const reader = new Observatory({ databaseUrl: url, flushOnExit: false });
      try {
        const projects = await reader.storage.getDistinctProjects();
        expect(projects.sort()).toEqual(['written-by-libsql', 'written-by-sqlite3']);
        const overview = await reader.storage.getOverview({ projectName: 'written-by-sqlite3' });
        expect([overview.totalCalls, overview.promptTokens]).toEqual([20, 20 * 100 + (19 * 20) / 2]);
      } finally {
        await reader.close();
      }
    }
  });

  it('names the command that fixes a sqlite3 driver without its native binding', async () => {
    const driver = await loadStoreDriver({ dialect: 'sqlite', path: 'x.db', driver: 'sqlite3' });
    const knexAdvice = new Error('Knex: run\n$ npm install sqlite3 --save\nCould not locate the bindings file.');
    expect(String(driver.explainOpenError(knexAdvice))).toContain(
      'npm install-scripts approve sqlite3 && npm rebuild sqlite3',
    );
    const other = new Error('SQLITE_CANTOPEN: unable to open database file');
    expect(driver.explainOpenError(other)).toBe(other);
  });
});
