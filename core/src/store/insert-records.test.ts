import { afterEach, describe, expect, it } from 'vitest';
import type { LLMCall } from '../models.js';
import { getLlmCall } from '../queries/get-llm-call.js';
import { stubSession } from '../stub-session.js';
import { createTestDatabase, makeStoredCall, STORED_CALL_AT, type TestDatabase, testDatabases } from '../test/index.js';
import { createStore, type Store } from './create-store.js';
import { LibSqlDatabase } from './libsql-database.js';
import { knexDatabase, type SqlDatabase } from './sql-connection.js';
import { writeBatch } from './write-batch.js';

/** Each store through knex (the host's thread), and SQLite also through raw libSQL (the writer thread). */
const writePaths = [
  ...testDatabases().map((kind) => [`${kind} through knex`, kind, 'knex'] as const),
  ['sqlite through raw libSQL', 'sqlite', 'libsql'] as const,
];

describe.each(writePaths)('the writer’s inserts on %s', (_name, kind, path) => {
  let db: TestDatabase;
  let store: Store;
  let raw: LibSqlDatabase | null = null;
  afterEach(async () => {
    raw?.close();
    raw = null;
    await store?.close();
    await db?.drop();
  });

  /**
   * The store read back through MikroORM: on libSQL as well when written through raw libSQL,
   * whatever OBSERVATORY_SQLITE_DRIVER says (two SQLite libraries must not share a file in
   * one process: either may remove the WAL under the other when it closes).
   */
  function openStore(): Promise<Store> {
    return createStore(path === 'libsql' ? `libsql:${db.url}` : db.url);
  }

  async function writeDatabase(): Promise<SqlDatabase> {
    if (path === 'knex') return knexDatabase(store.em.getKnex());
    raw = await LibSqlDatabase.open(db.url);
    return raw;
  }

  it('store every field as the store reads it back, JSON and dates included, through reused statements', async () => {
    db = await createTestDatabase(kind);
    store = await openStore();
    const stub = stubSession('session-1', 'insert-records', STORED_CALL_AT, STORED_CALL_AT);
    const first = makeStoredCall();
    const database = await writeDatabase();
    // Two batches of the same shape run the same SQL with other values.
    await writeBatch(database, { sessions: [], sessionStubs: [stub], calls: [first], ends: [] });
    const second = makeStoredCall({
      id: 'call-2',
      promptTokens: 7,
      metadata: null,
      routingDecision: null,
      prompt: null,
    });
    await writeBatch(database, { sessions: [], sessionStubs: [stub], calls: [second], ends: [] });
    expect(await getLlmCall(store.em, 'call-1')).toEqual(first);
    expect(await getLlmCall(store.em, 'call-2')).toEqual(second);
  });

  it('store a field an older spooled call lacks as its default', async () => {
    db = await createTestDatabase(kind);
    store = await openStore();
    const { cacheWrite1hTokens: _absent, ...older } = makeStoredCall({ id: 'older' });
    const stub = stubSession('session-1', 'insert-records', STORED_CALL_AT, STORED_CALL_AT);
    await writeBatch(
      await writeDatabase(),
      { sessions: [], sessionStubs: [stub], calls: [older as LLMCall], ends: [] },
      { replay: true },
    );
    expect(await getLlmCall(store.em, 'older')).toMatchObject({
      id: 'older',
      cacheWrite1hTokens: 0,
      promptTokens: 1200,
    });
  });
});
