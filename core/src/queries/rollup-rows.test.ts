import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LLMCall } from '../models.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';
import type { AggregateFilter } from './filters.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Four days of history, starting at a UTC midnight. */
const T0 = Date.UTC(2026, 0, 5);

/** Ranges that mix whole days (read from the daily rollups) with edge hours (hourly rollups). */
const FILTERS: Array<[string, AggregateFilter]> = [
  ['everything', {}],
  ['one project', { projectName: 'alpha' }],
  ['from an unaligned hour, open end', { from: new Date(T0 + DAY + 5.5 * HOUR) }],
  ['partial days on both ends', { from: new Date(T0 + 0.6 * DAY), to: new Date(T0 + 2.3 * DAY) }],
  ['whole days only', { from: new Date(T0 + DAY), to: new Date(T0 + 3 * DAY) }],
  ['inside one day', { from: new Date(T0 + 2 * DAY + 3 * HOUR), to: new Date(T0 + 2 * DAY + 9 * HOUR) }],
  ['to an unaligned time', { to: new Date(T0 + 2 * DAY + 40 * 60_000) }],
  ['one model and agent', { modelName: 'gpt-4o', agentName: 'Reviewer', from: new Date(T0 + 12 * HOUR) }],
];

/** The reference: what the calls themselves say, with the rollups' hour-aligned range. */
function expectedTotals(calls: LLMCall[], filter: AggregateFilter) {
  const from = filter.from ? Math.floor(filter.from.getTime() / HOUR) * HOUR : -Infinity;
  const to = filter.to ? Math.ceil(filter.to.getTime() / HOUR) * HOUR : Infinity;
  const inside = calls.filter(
    (c) =>
      c.timestamp.getTime() >= from &&
      c.timestamp.getTime() < to &&
      (filter.projectName === undefined || c.projectName === filter.projectName) &&
      (filter.modelName === undefined || c.modelName === filter.modelName) &&
      (filter.agentName === undefined || c.agentName === filter.agentName),
  );
  return {
    totalCalls: inside.length,
    errorCalls: inside.filter((c) => c.error).length,
    promptTokens: inside.reduce((sum, c) => sum + c.promptTokens, 0),
    totalCost: Number(inside.reduce((sum, c) => sum + c.totalCost, 0).toFixed(10)),
  };
}

describe.each(testDatabases())('aggregates over hourly and daily rollups on %s', (database) => {
  let t: TestObservatory;
  let calls: LLMCall[];

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    // A call every 97 minutes for four days: every hour of the day, across day boundaries.
    for (let i = 0; i < 60; i++) {
      t.obs.recordCall(
        makeCall({
          projectName: i % 3 === 0 ? 'beta' : 'alpha',
          modelName: i % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
          agentName: i % 4 === 0 ? 'Writer' : 'Reviewer',
          promptTokens: 100 + i,
          completionTokens: 10,
          latencyMs: 200 + 37 * i,
          error: i % 7 === 0 ? 'boom' : undefined,
          timestamp: new Date(T0 + i * 97 * 60_000),
        }),
      );
    }
    await t.obs.flush();
    calls = await t.obs.storage.getLlmCalls({ limit: 1000 });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it.each(FILTERS)('totals, breakdowns and series agree with the calls: %s', async (_name, filter) => {
    const expected = expectedTotals(calls, filter);
    const overview = await t.obs.storage.getOverview(filter);
    expect({ ...pick(overview), totalCost: Number(overview.totalCost.toFixed(10)) }).toEqual(expected);
    const byModel = await t.obs.storage.getBreakdown('model', filter);
    expect(byModel.reduce((sum, row) => sum + row.totalCalls, 0)).toBe(expected.totalCalls);
    for (const row of byModel) {
      expect(row.totalCalls).toBe(expectedTotals(calls, { ...filter, modelName: row.key }).totalCalls);
    }
    for (const interval of ['hour', 'day'] as const) {
      const series = await t.obs.storage.getTimeSeries({ ...filter, interval });
      expect(series.reduce((sum, point) => sum + point.totalCalls, 0)).toBe(expected.totalCalls);
      for (const point of series) {
        const width = interval === 'hour' ? HOUR : DAY;
        const bucket = expectedTotals(calls, {
          ...filter,
          from: new Date(point.time),
          to: new Date(point.time + width),
        });
        // The series' first and last buckets may be cut by the range.
        expect(point.totalCalls).toBeLessThanOrEqual(bucket.totalCalls);
      }
    }
  });

  it('keeps the daily rollups equal to the hourly ones through a prune', async () => {
    await t.obs.storage.deleteSessionsBefore(new Date(T0 + 2 * DAY));
    const left = await t.obs.storage.getLlmCalls({ limit: 1000 });
    for (const [, filter] of FILTERS) {
      expect(pick(await t.obs.storage.getOverview(filter))).toEqual(pick(expectedTotals(left, filter)));
    }
  });
});

function pick(totals: { totalCalls: number; errorCalls: number; promptTokens: number }) {
  return { totalCalls: totals.totalCalls, errorCalls: totals.errorCalls, promptTokens: totals.promptTokens };
}
