import { afterEach, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';

/** 8 async producers, each in its own withSession, interleaving on one Observatory. */
async function runProducers(t: TestObservatory, producers: number, callsEach: number): Promise<void> {
  const { obs } = t;
  await Promise.all(
    Array.from({ length: producers }, (_, p) =>
      obs.withSession(`producer-${p}`, async () => {
        for (let i = 0; i < callsEach; i++) {
          obs.recordCall(makeCall({ agentName: `agent-${p}`, promptTokens: 100 + p, completionTokens: 1 + (i % 10) }));
          if (i % 250 === 0) await new Promise((r) => setImmediate(r));
        }
      }),
    ),
  );
  await obs.flush();
}

describe.each(testDatabases())('concurrent producers on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('8 producers × 5,000 calls: exact counts and session totals', async () => {
    t = await createTestObservatory({ database });
    await runProducers(t, 8, 5000);
    const { obs } = t;
    expect(obs.stats()).toMatchObject({ recorded: 40_000, written: 40_000, dropped: 0, rejected: 0 });
    const sessions = await obs.storage.getSessions({ projectName: obs.projectName });
    expect(sessions).toHaveLength(8);
    for (const s of sessions) {
      const p = Number(s.operationType.split('-')[1]);
      // completion tokens cycle 1..10 → 5.5 on average
      expect([s.totalLlmCalls, s.totalTokens, s.success]).toEqual([5000, 5000 * (100 + p) + 5000 * 5.5, true]);
    }
    const byAgent = await obs.storage.getBreakdown('agent', { projectName: obs.projectName });
    expect(byAgent.map((r) => r.totalCalls)).toEqual(Array(8).fill(5000));
  });
});
