import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from './test/index.js';

describe.skipIf(!testDatabases().includes('postgres'))('writer retries on postgres', () => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('keeps a failed batch queued and writes it once the table is back', async () => {
    t = await createTestObservatory({ database: 'postgres', strict: false, flushIntervalMs: 10, maxRetryDelayMs: 200 });
    const { obs, errors } = t;
    obs.recordCall(makeCall());
    await obs.flush();
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      await admin.query('alter table llm_calls rename to llm_calls_away');
      for (let i = 0; i < 50; i++) obs.recordCall(makeCall());
      const flushed = obs.flush();
      await new Promise((r) => setTimeout(r, 700));
      expect(obs.stats()).toMatchObject({ written: 1, pending: 50 });
      expect(obs.stats().retried).toBeGreaterThan(0);
      await admin.query('alter table llm_calls_away rename to llm_calls');
      await flushed;
      expect(obs.stats()).toMatchObject({ recorded: 51, written: 51, pending: 0 });
      expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(51);
      expect(String((errors[0] as Error).message)).toMatch(/writing 50 queued items failed \(attempt 1\); retrying/);
    } finally {
      await admin.end();
    }
  });

  it('writes a batch once when a flush timed out while its write was still running', async () => {
    t = await createTestObservatory({ database: 'postgres', strict: false, spoolDir: false, maxRetryDelayMs: 50 });
    const { obs, errors } = t;
    obs.recordCall(makeCall());
    await obs.flush();
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      // Hold the write: it waits on the lock, the flush gives up and takes the batch back.
      await admin.query('begin');
      await admin.query('lock table sessions in exclusive mode');
      const session = obs.startSession('slow-write');
      obs.recordCall(makeCall({ sessionId: session.id, promptTokens: 700 }));
      await obs.endSession(session, { success: true });
      await obs.flush({ timeoutMs: 300 });
      expect(obs.stats().pending).toBe(3);
      // The held write now commits; the taken-back copy must not insert the session again.
      await admin.query('commit');
      await obs.flush({ timeoutMs: 5000 });
      expect(obs.stats().pending).toBe(0);
      const [stored] = await obs.storage.getSessions({ operationType: 'slow-write' });
      expect(stored).toMatchObject({ totalLlmCalls: 1, success: true });
      expect(await obs.storage.countLlmCalls({ sessionId: session.id })).toBe(1);
      expect(errors.map(String).join('\n')).not.toMatch(/duplicate key/);
    } finally {
      await admin.end();
    }
  });
});

describe.each(testDatabases())('writer batching on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('gathers calls that arrive while a batch is written into the next batch, not a transaction each', async () => {
    t = await createTestObservatory({ database, flushIntervalMs: 200 });
    const { obs } = t;
    // An app's pace: a call every millisecond or so for over a second, while batches are written.
    for (let i = 0; i < 1000; i++) {
      obs.recordCall(makeCall());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await obs.flush();
    const { written, batches } = obs.stats();
    expect(written).toBe(1000);
    // One batch per flush interval (200 ms) and the final flush. Writing whatever arrived
    // during the previous write took a transaction per call or two here (~600 batches).
    expect(batches).toBeGreaterThanOrEqual(2);
    expect(batches).toBeLessThan(20);
    expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(1000);
  });
});
