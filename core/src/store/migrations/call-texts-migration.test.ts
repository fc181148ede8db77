import { describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, testDatabases } from '../../test/index.js';

describe.each(testDatabases())('migration 0017 (call texts in their own table) on %s', (database) => {
  it('moves stored texts out of the calls rows and back, each way readable and searchable', async () => {
    const t = await createTestObservatory({ database });
    try {
      const both = t.obs.recordCall(makeCall({ prompt: 'Count the zebra stripes', responseText: 'Forty-two' }));
      const answerOnly = t.obs.recordCall(makeCall({ prompt: undefined, responseText: 'a zebra answer' }));
      const neither = t.obs.recordCall(makeCall({ prompt: undefined, responseText: undefined }));
      await t.obs.flush();
      const store = await t.obs.storage.store();
      const knex = store.em.getKnex();
      const migrator = store.orm.getMigrator();

      // Back to the store as 0016 left it: the texts in the calls' rows.
      await migrator.down({ to: '0016-one-hour-cache-writes' });
      expect(await knex.schema.hasTable('llm_call_texts')).toBe(false);
      const before = await knex('llm_calls').select('id', 'prompt', 'response_text').orderBy('id');
      expect(before).toEqual(
        [
          { id: both.id, prompt: 'Count the zebra stripes', response_text: 'Forty-two' },
          { id: answerOnly.id, prompt: null, response_text: 'a zebra answer' },
          { id: neither.id, prompt: null, response_text: null },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );

      await migrator.up();
      expect(await knex.schema.hasColumn('llm_calls', 'prompt')).toBe(false);
      expect(await knex.schema.hasColumn('llm_calls', 'response_text')).toBe(false);
      // Only calls with a text have a row of texts.
      expect((await knex('llm_call_texts').select('id')).map((row: { id: string }) => row.id).sort()).toEqual(
        [both.id, answerOnly.id].sort(),
      );
      expect(await t.obs.storage.getLlmCall(both.id)).toMatchObject({
        prompt: 'Count the zebra stripes',
        responseText: 'Forty-two',
      });
      expect(await t.obs.storage.getLlmCall(neither.id)).toMatchObject({ prompt: null, responseText: null });
      const zebras = async () => (await t.obs.storage.getLlmCalls({ text: 'zebra' })).map((call) => call.id).sort();
      expect(await zebras()).toEqual([both.id, answerOnly.id].sort());
      // SQLite's full-text index starts empty after the move; filled, it answers the same.
      if (database === 'sqlite') expect(await t.obs.storage.indexCallText()).toBe(2);
      expect(await zebras()).toEqual([both.id, answerOnly.id].sort());
      // A call written after the move is found before and after it is indexed.
      const later = t.obs.recordCall(makeCall({ prompt: 'one more zebra', responseText: undefined }));
      await t.obs.flush();
      const all = [both.id, answerOnly.id, later.id].sort();
      expect(await zebras()).toEqual(all);
      if (database === 'sqlite') expect(await t.obs.storage.indexCallText()).toBe(1);
      expect(await zebras()).toEqual(all);
      expect(await t.obs.storage.getLlmCall(later.id)).toMatchObject({ prompt: 'one more zebra', responseText: null });

      // A call's texts go with it.
      await t.obs.storage.deleteSessionsBefore(new Date(Date.now() + 60_000));
      expect(await knex('llm_call_texts').count({ n: '*' })).toEqual([{ n: database === 'sqlite' ? 0 : '0' }]);
      expect(await t.obs.storage.getLlmCalls({ text: 'zebra' })).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
