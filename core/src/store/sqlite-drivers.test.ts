import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecorder } from '../faults/run-child.js';
import { createTestDatabase, type TestDatabase } from '../test/index.js';
import { loadStoreDriver } from './load-store-driver.js';

const summaryScript = fileURLToPath(new URL('../__fixtures__/store-summary.ts', import.meta.url));

/** The driver that opens `databaseUrl` and the calls per project it reads, from a process of its own. */
function summarize(databaseUrl: string): { driver: string; projects: Record<string, number> } {
  const out = execFileSync(
    process.execPath,
    ['--conditions=@observatory/source', '--import', 'tsx', summaryScript, databaseUrl],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
}

async function record(databaseUrl: string, project: string, calls: number): Promise<void> {
  const child = startRecorder([databaseUrl, project, String(calls)]);
  expect(await child.done, child.output()).toBe(0);
}

describe('the two SQLite drivers', () => {
  let db: TestDatabase;
  afterEach(async () => {
    await db?.drop();
  });

  // One process per library: two SQLite libraries in one process on one file would not see
  // each other's locks, which is also why an app should use one driver per process.
  it('opens libsql by default and sqlite3 for sqlite3:PATH, and each reads what the other wrote', async () => {
    db = await createTestDatabase('sqlite');
    await record(`libsql:${db.url}`, 'written-by-libsql', 30);
    await record(`sqlite3:${db.url}`, 'written-by-sqlite3', 20);
    const expected = { 'written-by-libsql': 30, 'written-by-sqlite3': 20 };
    expect(summarize(`libsql:${db.url}`)).toEqual({ driver: 'ObservatoryLibSqlDriver', projects: expected });
    expect(summarize(`sqlite3:${db.url}`)).toEqual({ driver: 'SqliteDriver', projects: expected });
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
