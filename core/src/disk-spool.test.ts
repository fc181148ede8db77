import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskSpool } from './disk-spool.js';
import { Observatory } from './observatory.js';
import { createStore } from './store/create-store.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from './test/index.js';

/** Run a schema change, waiting while the writer under test holds SQLite's lock (its retries take it every few ms). */
async function whileUnlocked(change: () => Promise<unknown>): Promise<void> {
  for (let waited = 0; ; waited += 25) {
    try {
      await change();
      return;
    } catch (error) {
      if (waited >= 10_000 || !/database is locked/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Take the calls table away (and bring it back) from a second connection: a real write failure. */
async function withCallsTableAway(databaseUrl: string) {
  const store = await createStore(databaseUrl);
  const knex = store.em.getKnex();
  await whileUnlocked(() => knex.schema.renameTable('llm_calls', 'llm_calls_away'));
  return async () => {
    await whileUnlocked(() => knex.schema.renameTable('llm_calls_away', 'llm_calls'));
    await store.close();
  };
}

describe.each(testDatabases())('disk spool on %s', (database) => {
  let t: TestObservatory;
  let spoolDir: string;
  afterEach(async () => {
    await t?.cleanup();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('moves the queue to disk while the database is away and replays it, once, when it is back', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-test-'));
    t = await createTestObservatory({
      database,
      strict: false,
      spoolDir,
      batchSize: 20,
      flushIntervalMs: 5,
      maxRetryDelayMs: 100,
    });
    const { obs } = t;
    const session = obs.startSession('outage');
    obs.recordCall(makeCall({ sessionId: session.id }));
    await obs.flush();
    const restore = await withCallsTableAway(t.databaseUrl);

    for (let i = 0; i < 600; i++) {
      obs.recordCall(makeCall({ sessionId: session.id, promptTokens: 1000 + i }));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 300));
    const during = obs.stats();
    expect(during.spooled).toBeGreaterThan(0);
    expect(during.written).toBe(1);
    expect(readdirSync(spoolDir).length).toBeGreaterThan(0);

    await restore();
    await obs.endSession(session, { success: true });
    await obs.flush();
    expect(obs.stats()).toMatchObject({ recorded: 601, written: 601, pending: 0, dropped: 0 });
    expect(readdirSync(spoolDir)).toEqual([]);
    const [stored] = await obs.storage.getSessions({ projectName: obs.projectName });
    expect(stored).toMatchObject({ totalLlmCalls: 601, success: true });
    expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(601);
    const overview = await obs.storage.getOverview({ projectName: obs.projectName });
    expect(overview.promptTokens).toBe(1200 + 600 * 1000 + (599 * 600) / 2);
  });

  it('spools what close() could not write, and the next run writes it', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-test-'));
    t = await createTestObservatory({ database, strict: false, spoolDir, closeTimeoutMs: 300, maxRetryDelayMs: 50 });
    const { obs, errors } = t;
    obs.recordCall(makeCall());
    // The first write creates the schema: on a busy machine it can take longer than closeTimeoutMs.
    await obs.flush({ timeoutMs: 30_000 });
    const restore = await withCallsTableAway(t.databaseUrl);
    await obs.withSession('before-exit', async () => {
      for (let i = 0; i < 40; i++) obs.recordCall(makeCall());
    });
    await obs.close();
    expect(String((errors.at(-1) as Error).message)).toMatch(
      /close\(\): 43 items were still unwritten after 300 ms; the last write failed: .*llm_calls.*They are in the disk spool/,
    );
    await restore();

    const next = new Observatory({
      databaseUrl: t.databaseUrl,
      projectName: obs.projectName,
      spoolDir,
      flushOnExit: false,
    });
    try {
      await next.flush();
      expect(await next.storage.countLlmCalls({ projectName: obs.projectName })).toBe(41);
      const sessions = await next.storage.getSessions({ projectName: obs.projectName, operationType: 'before-exit' });
      expect(sessions).toMatchObject([{ totalLlmCalls: 40, success: true }]);
      expect(readdirSync(spoolDir)).toEqual([]);
    } finally {
      await next.close();
    }
  });

  it('flush() gives up after its timeout, says why and what is pending, and the calls are written once the store is back', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-test-'));
    t = await createTestObservatory({ database, strict: false, spoolDir, maxRetryDelayMs: 50 });
    const { obs, errors } = t;
    obs.recordCall(makeCall());
    await obs.flush();
    const restore = await withCallsTableAway(t.databaseUrl);
    for (let i = 0; i < 25; i++) obs.recordCall(makeCall());
    await obs.flush({ timeoutMs: 400 });
    expect(obs.stats()).toMatchObject({ written: 1, pending: 25 });
    const report = String((errors.at(-1) as Error).message);
    expect(report).toMatch(
      /^flush\(\): 25 items were still unwritten after 400 ms; the last write failed: .*llm_calls/,
    );
    expect(report).toContain(spoolDir);
    await restore();
    await obs.flush();
    expect(obs.stats()).toMatchObject({ written: 26, pending: 0 });
    expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(26);
  });

  it('counts a spooled segment once while its replay fails', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-test-'));
    t = await createTestObservatory({ database, strict: false, spoolDir, closeTimeoutMs: 300, maxRetryDelayMs: 50 });
    const { obs } = t;
    obs.recordCall(makeCall());
    await obs.flush({ timeoutMs: 30_000 });
    const restore = await withCallsTableAway(t.databaseUrl);
    for (let i = 0; i < 3; i++) obs.recordCall(makeCall());
    await obs.close(); // the store is away: the 3 calls and the session's end go to the spool
    expect(readdirSync(spoolDir).length).toBeGreaterThan(0);
    const next = new Observatory({
      databaseUrl: t.databaseUrl,
      projectName: obs.projectName,
      spoolDir,
      flushOnExit: false,
      strict: false,
      onError: () => {},
      maxRetryDelayMs: 50,
    });
    try {
      expect(next.stats().pending).toBe(4);
      await next.flush({ timeoutMs: 300 }); // claims the segment; its replay fails
      expect(next.stats().retried).toBeGreaterThan(0);
      expect(next.stats().pending).toBe(4);
      await restore();
      await next.flush({ timeoutMs: 30_000 });
      expect(next.stats()).toMatchObject({ written: 3, pending: 0 });
      expect(await next.storage.countLlmCalls({ projectName: obs.projectName })).toBe(4);
    } finally {
      await next.close();
    }
  });

  it('replays a segment whose calls were already committed without counting them twice', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-test-'));
    t = await createTestObservatory({ database, spoolDir });
    const { obs } = t;
    const session = obs.startSession('dup');
    const calls = [
      obs.recordCall(makeCall({ sessionId: session.id })),
      obs.recordCall(makeCall({ sessionId: session.id })),
    ];
    await obs.flush();
    // As if a process had committed these, then died before deleting its segment.
    new DiskSpool(spoolDir).write([
      { kind: 'session', session },
      ...calls.map((call) => ({ kind: 'call' as const, call: call! })),
    ]);
    const next = new Observatory({
      databaseUrl: t.databaseUrl,
      projectName: obs.projectName,
      spoolDir,
      flushOnExit: false,
      strict: true,
    });
    try {
      await next.flush();
      expect(await next.storage.countLlmCalls({ projectName: obs.projectName })).toBe(2);
      expect((await next.storage.getSession(session.id))?.totalLlmCalls).toBe(2);
      expect((await next.storage.getOverview({ projectName: obs.projectName })).totalCalls).toBe(2);
    } finally {
      await next.close();
    }
  });
});

describe('disk spool bookkeeping', () => {
  it('flush ends when segments this writer counted were replayed by another instance', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'observatory-spool-count-'));
    const t = await createTestObservatory({ spoolDir: dir });
    try {
      new DiskSpool(dir).write([{ kind: 'call', call: t.obs.recordCall(makeCall()) as never, prepared: true }]);
      const counted = new Observatory({
        databaseUrl: t.databaseUrl,
        projectName: t.obs.projectName,
        spoolDir: dir,
        flushOnExit: false,
      });
      const replayer = new Observatory({
        databaseUrl: t.databaseUrl,
        projectName: t.obs.projectName,
        spoolDir: dir,
        flushOnExit: false,
      });
      await replayer.flush();
      await counted.flush(); // counted the segment at start; it is gone now
      expect(counted.stats().pending).toBe(0);
      await Promise.all([counted.close(), replayer.close()]);
    } finally {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
