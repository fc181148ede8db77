import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Observatory } from '../../observatory.js';
import { createTestDatabase, createTestObservatory, testDatabases } from '../../test/index.js';
import { migrations } from './index.js';

const openScript = fileURLToPath(new URL('../../__fixtures__/open-store-modules.ts', import.meta.url));

/** Open the store in a process of its own: did it load the migrator to do so? */
function opensWithMigrator(databaseUrl: string): boolean {
  const out = execFileSync(
    process.execPath,
    ['--conditions=@observatory/source', '--import', 'tsx', openScript, databaseUrl],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}').migratorLoaded;
}

describe.each(testDatabases())('opening a store on %s', (database) => {
  it('runs every migration on a new store, and none on a current one', async () => {
    const first = await createTestObservatory({ database });
    try {
      const knex = (await first.obs.storage.store()).em.getKnex();
      const ran = await knex('observatory_migrations').orderBy('id').select('name', 'executed_at');
      expect(ran.map((row: { name: string }) => row.name)).toEqual(migrations.map((m) => m.name));
      // A second opening finds the store current: it runs nothing and the table stays as it was.
      const second = new Observatory({ databaseUrl: first.databaseUrl, flushOnExit: false });
      try {
        const again = (await second.storage.store()).em.getKnex();
        expect(await again('observatory_migrations').orderBy('id').select('name', 'executed_at')).toEqual(ran);
      } finally {
        await second.close();
      }
      // Nor does it load the migrations or MikroORM's migrator, which a new store needs.
      expect(opensWithMigrator(first.databaseUrl)).toBe(false);
    } finally {
      await first.cleanup();
    }
  });
});

it('loads the migrator to open a new store', async () => {
  const db = await createTestDatabase('sqlite');
  try {
    expect(opensWithMigrator(db.url)).toBe(true);
  } finally {
    await db.drop();
  }
});
