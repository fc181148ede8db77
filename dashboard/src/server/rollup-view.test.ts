import { type AggregateFilter, Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKnownHistory, T_NOW } from '../test-support/seed-known-history.js';
import { RollupView } from './rollup-view.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Filters covering whole days, partial days, unaligned edges, open ends and key filters. */
const FILTERS: Array<[string, AggregateFilter]> = [
  ['everything', {}],
  ['one project', { projectName: 'alpha' }],
  ['last 7 days, unaligned start', { from: new Date(T_NOW - 7 * DAY) }],
  ['partial days on both ends', { from: new Date(T_NOW - 2.6 * DAY), to: new Date(T_NOW - 0.7 * DAY) }],
  ['closed hours of today only', { from: new Date(Date.UTC(2026, 0, 20)), to: new Date(T_NOW - 20 * 60_000) }],
  ['one model', { modelName: 'gpt-4o', from: new Date(T_NOW - 3 * DAY) }],
  ['agent and project', { agentName: 'Reviewer', projectName: 'alpha' }],
];

describe.each(testDatabases())('RollupView on %s', (database) => {
  let t: TestObservatory;
  let beta: Observatory;
  let view: RollupView;

  beforeAll(async () => {
    t = await createTestObservatory({ database, projectName: 'alpha' });
    beta = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'beta', flushOnExit: false, strict: true });
    await seedKnownHistory(t.obs, beta);
    view = new RollupView(t.obs.storage, () => T_NOW, { revalidateMs: 0 });
  });
  afterAll(async () => {
    await beta.close();
    await t.cleanup();
  });

  it('sees the seeded history', async () => {
    const overview = await view.overview({});
    expect(overview).toMatchObject({ totalCalls: 8, errorCalls: 1, judgedCalls: 5, totalSessions: 3 });
    expect(overview.p95LatencyMs).toBeGreaterThan(0);
  });

  it.each(FILTERS)('returns what core returns: %s', async (_name, filter) => {
    const core = t.obs.storage;
    expect(await view.overview(filter)).toEqual(await core.getOverview(filter));
    for (const by of ['model', 'agent', 'project'] as const) {
      expect(sortByKey(await view.breakdown(by, filter))).toEqual(sortByKey(await core.getBreakdown(by, filter)));
    }
    expect(sortCells(await view.crossBreakdown('model', 'agent', filter))).toEqual(
      sortCells(await core.getCrossBreakdown('model', 'agent', filter)),
    );
    for (const interval of ['hour', 'day', 'week'] as const) {
      const series = { ...filter, interval, groupBy: 'model' as const };
      expect(sortPoints(await view.series(series))).toEqual(sortPoints(await core.getTimeSeries(series)));
    }
  });

  it('sees a late write into a day it has already cached', async () => {
    const filter = { projectName: 'beta' };
    const before = await view.overview(filter);
    beta.recordCall({
      timestamp: new Date(T_NOW - 2 * DAY),
      provider: 'openai',
      modelName: 'gpt-4o',
      promptTokens: 1000,
      completionTokens: 0,
      latencyMs: 100,
    });
    await beta.flush();
    const after = await view.overview(filter);
    expect(after.totalCalls).toBe(before.totalCalls + 1);
    expect(after.totalCost).toBeCloseTo(before.totalCost + (1000 * 2.5) / 1e6, 12);
    expect(after).toEqual(await t.obs.storage.getOverview(filter));
  });

  it('lists distinct values per project', async () => {
    expect(await view.distinct('agent', 'alpha')).toEqual(['Reviewer', 'Triage', 'Writer']);
    expect(await view.distinct('model')).toEqual(['claude-sonnet-4-5', 'gpt-4o', 'gpt-4o-mini']);
  });
});

function sortByKey<T extends { key: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.key.localeCompare(b.key));
}

function sortCells<T extends { row: string; column: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => `${a.row}/${a.column}`.localeCompare(`${b.row}/${b.column}`));
}

function sortPoints<T extends { time: number; key?: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.time - b.time || (a.key ?? '').localeCompare(b.key ?? ''));
}
