import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LLMCall } from '../models.js';
import { Observatory } from '../observatory.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';
import type { BreakdownRow } from './get-breakdown.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);

/** The figures a breakdown row must get right, to compare the rollups' answer with the calls'. */
function figures(rows: BreakdownRow[]) {
  return Object.fromEntries(
    rows.map((row) => [
      row.key,
      {
        calls: row.totalCalls,
        errors: row.errorCalls,
        cost: Number(row.totalCost.toFixed(9)),
        tokens: row.totalTokens,
        cached: row.cachedPromptTokens,
        latency: row.avgLatencyMs,
        judged: row.judgedCalls,
        routed: row.routedCalls,
        cacheHits: row.cacheHits,
      },
    ]),
  );
}

describe.each(testDatabases())('breakdown by metadata key on %s', (database) => {
  let t: TestObservatory;
  let projectName: string;

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    projectName = t.obs.projectName;
    const session = t.obs.startSession('support');
    const at = (hours: number) => new Date(T0 + hours * HOUR);
    const calls = [
      makeCall({ timestamp: at(0), metadata: { tenantId: 'acme', userId: 42 }, latencyMs: 100 }),
      makeCall({ timestamp: at(1), metadata: { tenantId: 'acme', userId: '42' }, error: 'boom', latencyMs: 300 }),
      makeCall({
        timestamp: at(26),
        metadata: { tenantId: 'globex', userId: 7 },
        modelName: 'gpt-4o-mini',
        cachedPromptTokens: 200,
        qualityEvaluation: { judgeScore: 6, hallucinationFlag: false, factualError: false, suggestions: [] },
      }),
      makeCall({ timestamp: at(27), metadata: { tenantId: { nested: true } } }),
      makeCall({ timestamp: at(28), cacheMetadata: { cacheHit: true } }),
    ];
    for (const call of calls) t.obs.recordCall({ ...call, sessionId: session.id });
    await t.obs.endSession(session, { success: true });
    await t.obs.flush();
  });
  afterAll(() => t.cleanup());

  it('reads an unnamed key from the calls, with the calls without it under ""', async () => {
    const breakdown = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName });
    expect(breakdown).toMatchObject({ key: 'tenantId', source: 'calls', scannedFrom: null });
    expect(Object.keys(figures(breakdown.rows)).sort()).toEqual(['', 'acme', 'globex']);
    expect(figures(breakdown.rows).acme).toMatchObject({ calls: 2, errors: 1, latency: 200 });
    // Numbers and strings that read the same are one value, as the `key=value` filter compares them.
    const users = await t.obs.storage.getMetadataBreakdown('userId', { projectName });
    expect(figures(users.rows)['42']).toMatchObject({ calls: 2 });
    const bounded = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName }, { scanLimit: 2 });
    expect(bounded.scannedFrom).toEqual(new Date(T0 + 27 * HOUR));
    expect(bounded.rows.reduce((sum, row) => sum + row.totalCalls, 0)).toBe(2);
  });

  it('naming a key adds the stored calls to its rollups, and every later write keeps them exact', async () => {
    const fromCalls = figures((await t.obs.storage.getMetadataBreakdown('tenantId', { projectName })).rows);
    // Three calls have a value; the one with an object under the key is not one.
    expect(await t.obs.storage.nameMetadataKey('tenantId')).toBe(3);
    expect(await t.obs.storage.nameMetadataKey('tenantId')).toBe(0);
    expect(await t.obs.storage.getMetadataRollupKeys()).toEqual(['tenantId']);
    const named = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName });
    expect(named.source).toBe('rollups');
    expect(figures(named.rows)).toEqual(fromCalls);

    // The writer, and an import, roll the key up from now on.
    const later = t.obs.startSession('support');
    t.obs.recordCall(
      makeCall({ sessionId: later.id, timestamp: new Date(T0 + 50 * HOUR), metadata: { tenantId: 'globex' } }),
    );
    await t.obs.endSession(later, { success: true });
    await t.obs.flush();
    const imported: LLMCall = {
      ...(await t.obs.storage.getLlmCalls({ projectName, limit: 1 }))[0],
      id: 'imported-1',
      timestamp: new Date(T0 + 51 * HOUR),
      metadata: { tenantId: 'initech' },
    };
    expect(await t.obs.storage.importCalls([imported])).toBe(1);

    const rolled = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName });
    expect(figures(rolled.rows).globex.calls).toBe(2);
    expect(figures(rolled.rows).initech.calls).toBe(1);
    // A model filter reads the calls; without one, the rollups give the same figures.
    const narrowed = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName, modelName: 'gpt-4o' });
    expect(narrowed.source).toBe('calls');
    expect(figures(narrowed.rows).initech).toEqual(figures(rolled.rows).initech);
    // A time range reads the daily and hourly rows it covers.
    const firstDay = await t.obs.storage.getMetadataBreakdown('tenantId', {
      projectName,
      from: new Date(T0),
      to: new Date(T0 + 2 * HOUR),
    });
    expect(figures(firstDay.rows)).toEqual({ acme: figures(rolled.rows).acme });
  });

  it('pruning takes pruned calls back out of the rollups; forgetting a key deletes them', async () => {
    await t.obs.storage.alignSessionTimes(projectName);
    await t.obs.storage.deleteSessionsBefore(new Date(T0 + 40 * HOUR), projectName);
    const afterPrune = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName });
    expect(afterPrune.source).toBe('rollups');
    expect(figures(afterPrune.rows)).toEqual({
      globex: expect.objectContaining({ calls: 1 }),
      initech: expect.objectContaining({ calls: 1 }),
    });
    expect(await t.obs.storage.forgetMetadataKey('tenantId')).toBe(true);
    expect(await t.obs.storage.forgetMetadataKey('tenantId')).toBe(false);
    const forgotten = await t.obs.storage.getMetadataBreakdown('tenantId', { projectName });
    expect(forgotten.source).toBe('calls');
    expect(figures(forgotten.rows)).toEqual(figures(afterPrune.rows));
  });

  it('refuses a key that is not letters, digits, _ or -, naming the field', async () => {
    await expect(t.obs.storage.getMetadataBreakdown("x' or 1=1")).rejects.toThrow(/metadataKey/);
    await expect(t.obs.storage.nameMetadataKey('a b')).rejects.toThrow(/metadataKey/);
  });

  it('names the rollupMetadataKeys option’s keys when the store opens, reporting a bad one', async () => {
    const errors: unknown[] = [];
    const obs = new Observatory({
      databaseUrl: t.databaseUrl,
      projectName,
      flushOnExit: false,
      rollupMetadataKeys: ['userId', 'not valid'],
      onError: (error) => errors.push(error),
    });
    const session = obs.startSession('support', { userId: 'u-1' });
    obs.recordCall(makeCall({ sessionId: session.id, metadata: { userId: 'u-1' } }));
    await obs.endSession(session, { success: true });
    await obs.flush();
    expect(await obs.storage.getMetadataRollupKeys()).toEqual(['userId']);
    // The sessions' userId=… filter still finds the session (on SQLite through the key's own index).
    const found = await obs.storage.getSessions({ metadata: { key: 'userId', value: 'u-1' } });
    expect(found.map((s) => s.id)).toEqual([session.id]);
    const users = await obs.storage.getMetadataBreakdown('userId', { projectName });
    expect(users.source).toBe('rollups');
    expect(figures(users.rows)['u-1'].calls).toBe(1);
    expect(String(errors[0])).toMatch(/metadataKey.*not valid/s);
    if (database === 'sqlite') {
      const knex = (await obs.storage.store()).em.getKnex();
      const indexes = await knex('sqlite_master').where({ type: 'index', tbl_name: 'sessions' }).pluck('name');
      expect(indexes).toContain('sessions_metadata_userId_idx');
      await obs.storage.forgetMetadataKey('userId');
      const left = await knex('sqlite_master').where({ type: 'index', tbl_name: 'sessions' }).pluck('name');
      expect(left).not.toContain('sessions_metadata_userId_idx');
    }
    await obs.close();
  });
});
