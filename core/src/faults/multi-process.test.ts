import { afterEach, describe, expect, it } from 'vitest';
import { Observatory } from '../observatory.js';
import { createStore } from '../store/create-store.js';
import { createTestDatabase, type TestDatabase } from '../test/index.js';
import { startRecorder } from './run-child.js';

describe('processes sharing one SQLite file', () => {
  let db: TestDatabase;
  afterEach(async () => {
    await db?.drop();
  });

  it('4 processes writing at once (migrating the fresh file together) store exact counts and totals', async () => {
    db = await createTestDatabase('sqlite');
    const perProcess = 5000;
    const children = [0, 1, 2, 3].map((i) => startRecorder([db.url, `proc-${i}`, String(perProcess), '1000']));
    const codes = await Promise.all(children.map((c) => c.done));
    expect(codes, children.map((c) => c.output()).join('\n')).toEqual([0, 0, 0, 0]);

    const reader = new Observatory({ databaseUrl: db.url, flushOnExit: false });
    try {
      for (let i = 0; i < 4; i++) {
        const project = `proc-${i}`;
        expect(await reader.storage.countLlmCalls({ projectName: project })).toBe(perProcess);
        const [session] = await reader.storage.getSessions({ projectName: project });
        expect(session).toMatchObject({ totalLlmCalls: perProcess, success: true });
        const overview = await reader.storage.getOverview({ projectName: project });
        expect(overview.totalCalls).toBe(perProcess);
      }
    } finally {
      await reader.close();
    }
  });

  it('a process killed with SIGKILL leaves an intact store holding everything it had flushed', async () => {
    db = await createTestDatabase('sqlite');
    const child = startRecorder([db.url, 'killed', '1000000', '500']);
    let flushed = 0;
    while (flushed < 3000) {
      await new Promise((r) => setTimeout(r, 20));
      const lines = child.output().match(/flushed (\d+)/g) ?? [];
      flushed = lines.length ? Number(lines[lines.length - 1].split(' ')[1]) : 0;
      if (child.proc.exitCode !== null) throw new Error(`child exited: ${child.output()}`);
    }
    child.proc.kill('SIGKILL');
    await child.done;

    const store = await createStore(db.url);
    try {
      const knex = store.em.getKnex();
      expect(await knex.raw('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const [{ n }] = await knex('llm_calls').count({ n: '*' });
      expect(Number(n)).toBeGreaterThanOrEqual(flushed);
      // Rollups and session totals were written in the same transactions as the calls.
      const [{ calls }] = await knex('llm_call_rollups').sum({ calls: 'calls' });
      const [{ total }] = await knex('sessions').sum({ total: 'total_llm_calls' });
      expect([Number(calls), Number(total)]).toEqual([Number(n), Number(n)]);
    } finally {
      await store.close();
    }
  });
});
