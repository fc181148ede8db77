import { describe, expect, it } from 'vitest';
import { Observatory } from '../../observatory.js';
import { createTestObservatory, testDatabases } from '../../test/index.js';
import { migrations } from './index.js';

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
    } finally {
      await first.cleanup();
    }
  });
});
