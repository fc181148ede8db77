import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, testDatabases } from '../test/index.js';
import { readId, storedId } from './stored-id.js';

const CALLER_SESSION = 'checkout-42';
const UPPERCASE_CALL = '0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B';

describe('storedId and readId', () => {
  it('keep any lowercase UUID as its 16 bytes and read it back; any other id stays the text it is', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const stored = storedId('sqlite', id);
        expect(stored).toEqual(Buffer.from(id.replaceAll('-', ''), 'hex'));
        expect(readId(new Uint8Array(stored as Buffer).buffer)).toBe(id);
        expect(readId(stored)).toBe(id);
        // An id of digits alone is its own uppercase: still a lowercase UUID.
        if (id.toUpperCase() !== id) expect(storedId('sqlite', id.toUpperCase())).toBe(id.toUpperCase());
        expect(storedId('postgresql', id)).toBe(id);
      }),
    );
    for (const id of [
      'checkout-42',
      '',
      `${'a'.repeat(8)}_${'b'.repeat(27)}`,
      'g0000000-0000-4000-8000-000000000000',
    ]) {
      expect(storedId('sqlite', id)).toBe(id);
    }
  });
});

describe.each(testDatabases())('ids as stored on %s', (database) => {
  it('reads every id back exactly as given: a UUID, a caller’s own, an uppercase UUID, and parent ids', async () => {
    const t = await createTestObservatory({ database });
    try {
      const session = t.obs.startSession('ids');
      const first = t.obs.recordCall(makeCall({ sessionId: session.id, prompt: 'wombat burrow' }))?.id;
      const child = t.obs.recordCall(makeCall({ sessionId: session.id, parentId: first }))?.id;
      const own = t.obs.recordCall(makeCall({ sessionId: CALLER_SESSION, id: UPPERCASE_CALL, parentId: child }))?.id;
      await t.obs.endSession(session, { success: true });
      await t.obs.flush();
      const { storage } = t.obs;
      if (!first || !child || !own) throw new Error('a call was not recorded');

      expect((await storage.getLlmCall(first))?.prompt).toBe('wombat burrow');
      expect((await storage.getLlmCall(child))?.parentId).toBe(first);
      expect(await storage.getLlmCall(own)).toMatchObject({
        id: UPPERCASE_CALL,
        sessionId: CALLER_SESSION,
        parentId: child,
      });
      expect((await storage.getSession(session.id))?.totalLlmCalls).toBe(2);
      expect((await storage.getSession(CALLER_SESSION))?.totalLlmCalls).toBe(1);
      expect((await storage.getSessionSteps(session.id)).map((step) => [step.id, step.parentId])).toEqual([
        [first, null],
        [child, first],
      ]);
      expect((await storage.getLlmCalls({ sessionId: CALLER_SESSION })).map((call) => call.id)).toEqual([own]);
      const summaries = await storage.summarizeSessionCalls([session.id, CALLER_SESSION]);
      expect([...summaries.keys()]).toEqual([session.id, CALLER_SESSION]);
      // Keyset pages across both kinds of id, one call a page: each call once.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await storage.findCalls({ limit: 1, cursor });
        seen.push(...page.items.map((call) => call.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual([first, child, own].sort());

      if (database === 'sqlite') {
        const knex = (await storage.store()).em.getKnex();
        const kinds = await knex.raw(
          'select typeof(id) as id, typeof(session_id) as session, length(id) as bytes from llm_calls order by rowid',
        );
        expect(kinds).toEqual([
          { id: 'blob', session: 'blob', bytes: 16 },
          { id: 'blob', session: 'blob', bytes: 16 },
          { id: 'text', session: 'text', bytes: 36 },
        ]);
      }

      expect(await storage.deleteSessionsBefore(new Date(Date.now() + 60_000))).toEqual({ sessions: 2, calls: 3 });
      expect(await storage.countLlmCalls()).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});

describe('migration 0020 (lowercase UUIDs as 16 bytes) on sqlite', () => {
  it('turns stored UUIDs into bytes and back, keeping other ids, the foreign keys and the text index', async () => {
    const t = await createTestObservatory({ database: 'sqlite' });
    try {
      const session = t.obs.startSession('ids');
      const first = t.obs.recordCall(makeCall({ sessionId: session.id, prompt: 'wombat burrow' }))?.id;
      const own = t.obs.recordCall(makeCall({ sessionId: CALLER_SESSION, id: UPPERCASE_CALL, parentId: first }))?.id;
      if (!own) throw new Error('a call was not recorded');
      await t.obs.endSession(session, { success: true });
      await t.obs.flush();
      await t.obs.storage.indexCallText();
      const store = await t.obs.storage.store();
      const knex = store.em.getKnex();
      const migrator = store.orm.getMigrator();
      const typesOf = () =>
        knex.raw(
          "select typeof(id) || ' ' || typeof(session_id) || ' ' || typeof(parent_id) as kinds from llm_calls order by rowid",
        ) as Promise<Array<{ kinds: string }>>;

      await migrator.down({ to: '0019-calls-time-latency-index' });
      expect((await typesOf()).map((row) => row.kinds)).toEqual(['text text null', 'text text text']);
      const texts = await knex.raw('select id from llm_calls order by rowid');
      expect(texts).toEqual([{ id: first }, { id: UPPERCASE_CALL }]);
      expect(await knex.raw('select id from sessions where id = ?', [session.id])).toEqual([{ id: session.id }]);

      await migrator.up();
      expect((await typesOf()).map((row) => row.kinds)).toEqual(['blob blob null', 'text text blob']);
      expect(await knex.raw('pragma foreign_key_check')).toEqual([]);
      expect(await t.obs.storage.getLlmCall(own)).toMatchObject({ id: UPPERCASE_CALL, parentId: first });
      expect((await t.obs.storage.getSession(session.id))?.totalLlmCalls).toBe(1);
      expect((await t.obs.storage.getLlmCalls({ text: 'wombat' })).map((call) => call.id)).toEqual([first]);
    } finally {
      await t.cleanup();
    }
  });
});
