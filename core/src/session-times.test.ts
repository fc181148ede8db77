import { afterEach, describe, expect, it } from 'vitest';
import { storedId } from './store/stored-id.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from './test/index.js';

describe.each(testDatabases())('session times on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('a call recorded as it returns started latencyMs before', async () => {
    t = await createTestObservatory({ database });
    const before = Date.now();
    const call = t.obs.recordCall(makeCall({ latencyMs: 2100 }));
    const after = Date.now();
    expect(call?.timestamp.getTime()).toBeGreaterThanOrEqual(before - 2100);
    expect(call?.timestamp.getTime()).toBeLessThanOrEqual(after - 2100);
  });

  it('a session never ends before its last call ends, whichever is written first', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const session = obs.startSession('review');
    const start = session.startTime.getTime();
    // Written in the same batch as the end, but ending 6 s after the session started.
    obs.recordCall(makeCall({ sessionId: session.id, timestamp: new Date(start + 1000), latencyMs: 5000 }));
    await obs.endSession(session, { success: true });
    await obs.flush();
    expect((await obs.storage.getSession(session.id))?.endTime?.getTime()).toBe(start + 6000);

    // Sent late, after the end was stored.
    obs.recordCall(makeCall({ sessionId: session.id, timestamp: new Date(start + 2000), latencyMs: 9000 }));
    await obs.flush();
    const ended = await obs.storage.getSession(session.id);
    expect(ended?.endTime?.getTime()).toBe(start + 11_000);
    expect(ended).toMatchObject({ totalLlmCalls: 2, success: true });

    // A call that ends earlier leaves the end alone, and an open session stays open.
    obs.recordCall(makeCall({ sessionId: session.id, timestamp: new Date(start + 3000), latencyMs: 10 }));
    const open = obs.startSession('chat');
    obs.recordCall(makeCall({ sessionId: open.id, latencyMs: 3000 }));
    await obs.flush();
    expect((await obs.storage.getSession(session.id))?.endTime?.getTime()).toBe(start + 11_000);
    expect((await obs.storage.getSession(open.id))?.endTime).toBeNull();
  });

  it('alignSessionTimes ends a session that starts at its call with that call', async () => {
    t = await createTestObservatory({ database });
    const { obs } = t;
    const session = obs.startSession('backdated');
    const start = session.startTime.getTime();
    await obs.endSession(session, { success: true });
    await obs.flush();
    obs.recordCall(makeCall({ sessionId: session.id, timestamp: new Date(start), latencyMs: 2100 }));
    await obs.flush();
    // As a store written by an older version (or an import) holds it: ended as it started.
    const store = await obs.storage.store();
    const knex = store.em.getKnex();
    await knex('sessions')
      .where('id', storedId(store.dialect, session.id))
      .update({ end_time: store.dialect === 'postgresql' ? new Date(start) : start });

    expect(await obs.storage.alignSessionTimes(obs.projectName)).toBe(1);
    const aligned = await obs.storage.getSession(session.id);
    expect(aligned?.startTime.getTime()).toBe(start);
    expect(aligned?.endTime?.getTime()).toBe(start + 2100);
    expect(await obs.storage.alignSessionTimes(obs.projectName)).toBe(0);
  });
});
