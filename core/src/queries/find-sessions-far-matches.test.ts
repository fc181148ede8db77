import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';

const T0 = Date.UTC(2026, 2, 1);

/**
 * A filter whose matches sit past the first few thousand sessions of the sort (the
 * cheapest sessions, sorted by cost, most expensive first): a page still holds exactly
 * them, in order, and pages on by cursor.
 */
describe.each(testDatabases())('sessions matching far along the sort on %s', (database) => {
  let t: TestObservatory;
  const cheap: string[] = [];

  beforeAll(async () => {
    t = await createTestObservatory({ database, batchSize: 2000 });
    const { obs } = t;
    for (let i = 0; i < 5200; i++) {
      const tenant = i % 1000 === 999 ? 'tiny' : 'big';
      const session = obs.startSession('chat', { tenant });
      // The "tiny" tenant's sessions are the cheapest of all.
      obs.recordCall(
        makeCall({
          sessionId: session.id,
          timestamp: new Date(T0 + i * 1000),
          totalCost: tenant === 'tiny' ? 0.0001 * (i / 1000) : 1 + i / 1000,
        }),
      );
      await obs.endSession(session, { success: true });
      if (tenant === 'tiny') cheap.push(session.id);
    }
    await obs.flush({ timeoutMs: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
  });

  it('finds them by the filter, sorted, and pages by cursor', async () => {
    const byCostDesc = [...cheap].reverse();
    const query = { metadata: { key: 'tenant', value: 'tiny' }, sort: 'cost' as const };
    const all = await t.obs.storage.findSessions({ ...query, limit: 10 });
    expect(all.items.map((s) => s.id)).toEqual(byCostDesc);
    expect(all.nextCursor).toBeNull();

    const first = await t.obs.storage.findSessions({ ...query, limit: 2 });
    expect(first.items.map((s) => s.id)).toEqual(byCostDesc.slice(0, 2));
    const rest = await t.obs.storage.findSessions({ ...query, limit: 10, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((s) => s.id)).toEqual(byCostDesc.slice(2));

    // The common filter's page comes from the first sessions of the sort.
    const big = await t.obs.storage.findSessions({ metadata: { key: 'tenant', value: 'big' }, sort: 'cost', limit: 3 });
    expect(big.items.map((s) => s.totalCost)).toEqual([1 + 5199 / 1000, 1 + 5198 / 1000, 1 + 5197 / 1000]);
  });
});
