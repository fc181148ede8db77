import { describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, testDatabases } from '../test/index.js';
import { callHoursOf } from './call-hours.js';

const HOUR_MS = 3_600_000;

describe.each(testDatabases())('a rare model or agent found by the hours holding its calls on %s', (database) => {
  it('lists, counts and finds the sessions of exactly its calls, at the edges of its hours too', async () => {
    const t = await createTestObservatory({ database });
    try {
      const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 72 * HOUR_MS;
      const common = t.obs.startSession('common');
      // 60 common calls over 60 hours: the rare ones are under a tenth of them.
      for (let i = 0; i < 60; i++) {
        t.obs.recordCall(makeCall({ sessionId: common.id, timestamp: new Date(hour + i * HOUR_MS + 600_000) }));
      }
      const rare = t.obs.startSession('rare');
      // Its calls: the first millisecond of hour 10, the last of hour 11 (next to it), and hour 40.
      const rareTimes = [hour + 10 * HOUR_MS, hour + 12 * HOUR_MS - 1, hour + 40 * HOUR_MS + 5];
      for (const at of rareTimes) {
        t.obs.recordCall(
          makeCall({ sessionId: rare.id, modelName: 'o4-mini', agentName: 'Retriever', timestamp: new Date(at) }),
        );
      }
      await t.obs.flush();
      const { storage } = t.obs;
      const knex = (await storage.store()).em.getKnex();

      expect(await callHoursOf(knex, { modelName: 'o4-mini' })).toEqual([
        [new Date(hour + 10 * HOUR_MS), new Date(hour + 12 * HOUR_MS)],
        [new Date(hour + 40 * HOUR_MS), new Date(hour + 41 * HOUR_MS)],
      ]);
      expect(await callHoursOf(knex, { modelName: 'no-such-model' })).toEqual([]);
      expect(await callHoursOf(knex, { modelName: 'gpt-4o' })).toBeUndefined();
      expect(await callHoursOf(knex, { projectName: t.obs.projectName })).toBeUndefined();

      const times = async (query: Parameters<typeof storage.getLlmCalls>[0]) =>
        (await storage.getLlmCalls({ ...query, order: 'asc' })).map((call) => call.timestamp.getTime());
      expect(await times({ modelName: 'o4-mini' })).toEqual(rareTimes);
      expect(await times({ agentName: 'Retriever' })).toEqual(rareTimes);
      expect(await times({ modelName: 'o4-mini', from: new Date(hour + 11 * HOUR_MS) })).toEqual(rareTimes.slice(1));
      expect(await times({ modelName: 'o4-mini', agentName: 'Reviewer' })).toEqual([]);
      expect(await storage.countLlmCalls({ agentName: 'Retriever' })).toBe(3);
      expect((await storage.findSessions({ modelName: 'o4-mini' })).items.map((s) => s.id)).toEqual([rare.id]);
      expect((await storage.findSessions({ agentName: 'Retriever' })).items.map((s) => s.id)).toEqual([rare.id]);
      expect((await storage.findSessions({ modelName: 'gpt-4o' })).items.map((s) => s.id)).toEqual([common.id]);
    } finally {
      await t.cleanup();
    }
  });
});
