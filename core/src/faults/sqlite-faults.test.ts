import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, type TestObservatory } from '../test/index.js';
import { openSqliteShell } from './open-sqlite-shell.js';

/**
 * SQLite faults, simulated from a second connection: a trigger makes every insert fail
 * with the error SQLite gives for a read-only file or a full disk.
 */
const faults = [
  ['read-only', 'attempt to write a readonly database'],
  ['out of space', 'database or disk is full'],
] as const;

describe('SQLite faults', () => {
  let t: TestObservatory;
  let spoolDir: string;
  afterEach(async () => {
    await t?.cleanup();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it.each(faults)('%s: calls are spooled to disk and replayed when writing works again', async (_name, message) => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-sqlite-'));
    t = await createTestObservatory({
      strict: false,
      spoolDir,
      batchSize: 50,
      flushIntervalMs: 5,
      maxRetryDelayMs: 100,
    });
    const { obs, errors } = t;
    obs.recordCall(makeCall());
    await obs.flush();
    const other = openSqliteShell(t.databaseUrl);
    await other.exec(
      `create trigger fail_inserts before insert on llm_calls begin select raise(abort, '${message}'); end;`,
    );
    try {
      for (let i = 0; i < 1000; i++) {
        obs.recordCall(makeCall());
        if (i % 100 === 0) await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(obs.stats().spooled).toBeGreaterThan(0);
      expect(readdirSync(spoolDir).length).toBeGreaterThan(0);
      expect(String((errors[0] as Error & { cause?: Error }).cause?.message)).toContain(message);
    } finally {
      await other.exec('drop trigger fail_inserts');
      await other.close();
    }
    await obs.flush();
    expect(obs.stats()).toMatchObject({ recorded: 1001, written: 1001, pending: 0, dropped: 0 });
    expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(1001);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('locked by another process for a while: the writer waits without blocking the host and loses nothing', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-sqlite-'));
    t = await createTestObservatory({ strict: false, spoolDir });
    const { obs } = t;
    obs.recordCall(makeCall());
    await obs.flush();
    const other = openSqliteShell(t.databaseUrl);
    await other.exec('begin exclusive');
    for (let i = 0; i < 500; i++) obs.recordCall(makeCall());
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const flushed = obs.flush();
    await new Promise((r) => setTimeout(r, 2000));
    delay.disable();
    expect(obs.stats().written).toBe(1);
    // The host's timers kept running while the writer waited for the lock.
    expect(delay.max / 1e6).toBeLessThan(500);
    await other.exec('commit');
    await other.close();
    await flushed;
    expect(obs.stats()).toMatchObject({ written: 501, pending: 0 });
    expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(501);
  });

  it('locked by another process for a while: a query-side write waits for the lock rather than failing', async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-sqlite-'));
    t = await createTestObservatory({ strict: false, spoolDir });
    const knex = (await t.obs.storage.store()).em.getKnex();
    // The dashboard's settings and alert events are written this way: one statement, no transaction.
    const write = () => knex('metadata_rollup_keys').insert({ metadata_key: 'tenantId', created_at: Date.now() });
    const other = openSqliteShell(t.databaseUrl);
    await other.exec('begin immediate');
    await other.exec("insert into metadata_rollup_keys (metadata_key, created_at) values ('held', 0)");
    // then() starts the query now (a knex builder runs when awaited).
    const written = write().then(() => 'written');
    // Longer than the store's 20 ms busy timeout, after which the write used to fail.
    await new Promise((r) => setTimeout(r, 500));
    await other.exec('commit');
    await other.close();
    expect(await written).toBe('written');
    const keys = await knex('metadata_rollup_keys').select('metadata_key').orderBy('metadata_key');
    expect(keys.map((row: { metadata_key: string }) => row.metadata_key)).toEqual(['held', 'tenantId']);
  });
});
