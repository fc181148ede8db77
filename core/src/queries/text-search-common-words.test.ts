import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';

const T0 = Date.UTC(2026, 0, 5);

/** More calls hold the common word than a search lists by id (2,000): PostgreSQL walks instead. */
describe.each(testDatabases())('searching a common word on %s', (database) => {
  let t: TestObservatory;
  let busy: string;

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    const quiet = t.obs.startSession('quiet');
    t.obs.recordCall(makeCall({ sessionId: quiet.id, prompt: 'nothing here', timestamp: new Date(T0) }));
    const session = t.obs.startSession('busy');
    busy = session.id;
    for (let i = 0; i < 2100; i++) {
      t.obs.recordCall(
        makeCall({ sessionId: session.id, prompt: `walrus report ${i}`, timestamp: new Date(T0 + 1000 + i * 1000) }),
      );
    }
    await t.obs.flush();
    await t.obs.storage.alignSessionTimes();
    // SQLite matches calls not yet in its index by substring ('17' in '117'): index them first.
    await t.obs.storage.indexCallText(10_000);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('lists the newest matching calls, counts them all, and finds their session', async () => {
    const page = await t.obs.storage.findCalls({ text: 'walrus', limit: 5 });
    expect(page.items.map((call) => call.prompt)).toEqual([
      'walrus report 2099',
      'walrus report 2098',
      'walrus report 2097',
      'walrus report 2096',
      'walrus report 2095',
    ]);
    expect(await t.obs.storage.countLlmCalls({ text: 'walrus' })).toBe(2100);
    expect(await t.obs.storage.countLlmCalls({ text: 'walrus 17' })).toBe(1);
    const sessions = await t.obs.storage.findSessions({ text: 'walrus report' });
    expect(sessions.items.map((session) => session.id)).toEqual([busy]);
    expect((await t.obs.storage.findSessions({ text: 'nothing' })).items).toHaveLength(1);
  });
});
