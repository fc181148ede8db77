import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseSink } from './database-sink.js';
import { Observatory } from './observatory.js';
import { createStore } from './store/create-store.js';
import { knexDatabase } from './store/sql-connection.js';
import { stubSession } from './stub-session.js';
import { createTestDatabase, makeCall, makeStoredCall, STORED_CALL_AT, type TestDatabase } from './test/index.js';
import { WriterThreadSink } from './writer-thread-sink.js';

describe('the writer thread of an embedded libSQL store', () => {
  let db: TestDatabase;
  let obs: Observatory | null = null;
  afterEach(async () => {
    await obs?.close();
    obs = null;
    await db?.drop();
  });

  it('migrates a new store on the host’s thread, then writes every call on the writer thread', async () => {
    db = await createTestDatabase('sqlite');
    const errors: unknown[] = [];
    obs = new Observatory({
      writerThread: true,
      databaseUrl: `libsql:${db.url}`,
      projectName: 'thread',
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 2500; i++) obs.recordCall(makeCall());
    await obs.flush();
    expect(errors).toEqual([]);
    expect(obs.stats()).toMatchObject({ recorded: 2500, written: 2500, pending: 0 });
    expect(await obs.storage.countLlmCalls({ projectName: 'thread' })).toBe(2500);
    // The rollups were written in the same transactions as the calls.
    expect((await obs.storage.getTotals({ projectName: 'thread' })).totalCalls).toBe(2500);
  });

  it('lets a query right after the first call on a new store wait for the migration, not race it', async () => {
    db = await createTestDatabase('sqlite');
    const errors: unknown[] = [];
    obs = new Observatory({
      writerThread: true,
      databaseUrl: db.url,
      projectName: 'race',
      onError: (e) => errors.push(e),
    });
    obs.recordCall(makeCall());
    expect(await obs.storage.countLlmCalls({ projectName: 'race' })).toBeLessThanOrEqual(1);
    await obs.flush();
    expect(await obs.storage.countLlmCalls({ projectName: 'race' })).toBe(1);
    expect(errors).toEqual([]);
  });

  it('writes a batch a thread cannot receive (a function in session metadata) on the host thread, as JSON stores it', async () => {
    db = await createTestDatabase('sqlite');
    const errors: unknown[] = [];
    obs = new Observatory({
      writerThread: true,
      databaseUrl: db.url,
      projectName: 'clone',
      onError: (e) => errors.push(e),
    });
    const session = obs.startSession('with-callback', { tenant: 'acme', onDone: () => 'not data' });
    obs.recordCall(makeCall({ sessionId: session.id }));
    obs.recordCall(makeCall());
    await obs.flush();
    expect(errors).toEqual([]);
    expect(obs.stats()).toMatchObject({ recorded: 2, written: 2, pending: 0 });
    expect((await obs.storage.getSession(session.id))?.metadata).toEqual({ tenant: 'acme' });
  });

  it('writes on the host thread, and says so once, when the thread cannot start', async () => {
    db = await createTestDatabase('sqlite');
    const store = await createStore(db.url);
    const errors: unknown[] = [];
    const sink = new WriterThreadSink(
      { path: db.url },
      async () => {},
      new DatabaseSink(async () => knexDatabase(store.em.getKnex())),
      (error) => errors.push(error),
      { threadUrl: new URL('./no-such-writer-thread.js', import.meta.url) },
    );
    try {
      const stub = {
        kind: 'stub',
        session: stubSession('session-1', 'insert-records', STORED_CALL_AT, STORED_CALL_AT),
      } as const;
      const items = [stub, { kind: 'call', call: makeStoredCall() }] as const;
      // The batch the thread was to write fails (and the writer retries it): the retry is written here.
      await expect(sink.write([...items], { replay: false })).rejects.toThrow();
      expect(await sink.write([...items], { replay: false })).toEqual({ written: 1, dropped: 0 });
      expect(await store.orm.em.getKnex()('llm_calls').count({ n: '*' })).toEqual([{ n: 1 }]);
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toContain('the writer thread could not start; writing on this thread');
    } finally {
      await sink.close();
      await store.close();
    }
  });
});
