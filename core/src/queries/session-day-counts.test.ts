import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedId } from '../store/stored-id.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';
import { SessionDayCounts } from './session-day-counts.js';

const DAY = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;

describe.each(testDatabases())('session counts by closed day on %s', (database) => {
  let t: TestObservatory;

  /** A session whose only call is at `time`, moved there by alignSessionTimes. */
  async function sessionAt(time: number, success: boolean): Promise<void> {
    const session = t.obs.startSession('run');
    t.obs.recordCall(makeCall({ sessionId: session.id, timestamp: new Date(time) }));
    await t.obs.endSession(session, { success });
    await t.obs.flush();
    const store = await t.obs.storage.store();
    // Move without going through storage, as another process's writes would.
    await store.em
      .getKnex()('sessions')
      .where('id', storedId(store.dialect, session.id))
      .update({ start_time: new Date(time) });
  }

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    await sessionAt(TODAY - 3 * DAY + 3_600_000, true);
    await sessionAt(TODAY - 2 * DAY + 3_600_000, false);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('serves closed days from its counts until they expire, and counts today live', async () => {
    let now = Date.now();
    const counts = new SessionDayCounts(600_000, () => now);
    const store = await t.obs.storage.store();
    const knex = store.em.getKnex();
    const range = { projectName: t.obs.projectName, from: new Date(TODAY - 5 * DAY - 1000) };
    expect((await counts.count(knex, store.dialect, range)).get(t.obs.projectName)).toEqual({ sessions: 2, failed: 1 });

    await sessionAt(TODAY - DAY + 3_600_000, false);
    await sessionAt(TODAY + 1000, true);
    // Yesterday is held from before; today is counted live.
    expect((await counts.count(knex, store.dialect, range)).get(t.obs.projectName)).toEqual({ sessions: 3, failed: 1 });
    now += 600_001;
    expect((await counts.count(knex, store.dialect, range)).get(t.obs.projectName)).toEqual({ sessions: 4, failed: 2 });
    // A range inside one day, and one ending in the past, are counted exactly.
    const yesterday = { from: new Date(TODAY - DAY), to: new Date(TODAY) };
    expect((await counts.count(knex, store.dialect, yesterday)).get(t.obs.projectName)).toEqual({
      sessions: 1,
      failed: 1,
    });
    const partial = { from: new Date(TODAY - 2 * DAY + 1_800_000), to: new Date(TODAY - DAY + 7_200_000) };
    expect((await counts.count(knex, store.dialect, partial)).get(t.obs.projectName)).toEqual({
      sessions: 2,
      failed: 2,
    });
  });

  it('is what the overview and store stats report, and storage writes that move sessions clear it', async () => {
    const overview = await t.obs.storage.getOverview({ projectName: t.obs.projectName });
    expect(overview).toMatchObject({ totalSessions: 4, failedSessions: 2 });
    await sessionAt(TODAY - 4 * DAY, true);
    await t.obs.storage.alignSessionTimes();
    expect((await t.obs.storage.getStoreStats()).sessions).toBe(5);
  });
});
