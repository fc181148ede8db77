import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionQuery, SessionSort } from '../index.js';
import { Observatory } from '../observatory.js';
import { createTestObservatory, testDatabases } from '../test/index.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 2);

const plannedSession = fc.record({
  project: fc.constantFrom('alpha', 'beta'),
  operation: fc.constantFrom('chat', 'review'),
  end: fc.constantFrom('success', 'failed', 'cancelled', 'open'),
  tenant: fc.constantFrom('acme', 'globex'),
  calls: fc.array(
    fc.record({
      offsetMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      latencyMs: fc.integer({ min: 1, max: 90_000 }),
      costMicros: fc.integer({ min: 0, max: 500_000 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});
type PlannedSession = typeof plannedSession extends fc.Arbitrary<infer T> ? T : never;

const plannedQuery = fc.record({
  project: fc.constantFrom(undefined, 'alpha', 'beta'),
  operation: fc.constantFrom(undefined, 'chat', 'review', 'nothing'),
  status: fc.constantFrom(undefined, 'success', 'failed', 'cancelled', 'open'),
  minCostMicros: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
  maxCostMicros: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
  minDurationMs: fc.option(fc.integer({ min: 0, max: 3 * 24 * 60 * MINUTE }), { nil: undefined }),
  tenant: fc.constantFrom(undefined, 'acme', 'globex'),
  sort: fc.constantFrom<SessionSort>('start', 'cost', 'calls', 'duration'),
  order: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
  limit: fc.integer({ min: 1, max: 4 }),
});

/** A session as the list should show it, computed from its calls. */
interface Expected {
  start: number;
  /** null while open. */
  end: number | null;
  costMicros: number;
  calls: number;
  planned: PlannedSession;
}

function expected(planned: PlannedSession): Expected {
  const starts = planned.calls.map((c) => T0 + c.offsetMinutes * MINUTE);
  const ends = planned.calls.map((c, i) => starts[i] + c.latencyMs);
  return {
    start: Math.min(...starts),
    end: planned.end === 'open' ? null : Math.max(...ends),
    costMicros: planned.calls.reduce((sum, c) => sum + c.costMicros, 0),
    calls: planned.calls.length,
    planned,
  };
}

function sortValue(e: Expected, sort: SessionSort): number {
  if (sort === 'cost') return e.costMicros;
  if (sort === 'calls') return e.calls;
  if (sort === 'duration') return e.end === null ? 0 : e.end - e.start;
  return e.start;
}

/**
 * The sessions list against the sessions themselves: on random sessions (projects,
 * operations, outcomes, tenants, calls over three days) and random filters and sorts, every
 * page walked by cursor holds exactly the matching sessions, once each, in sort order, and
 * each shows the totals and times of its calls.
 */
describe.each(testDatabases())('the sessions list against its sessions, on %s', (database) => {
  it('pages hold exactly the matching sessions, in order, with their calls’ totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedSession, { minLength: 1, maxLength: 16 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 4 }),
        async (sessions, queries) => {
          const t = await createTestObservatory({ database, projectName: 'alpha' });
          const beta = new Observatory({ databaseUrl: t.databaseUrl, projectName: 'beta', flushOnExit: false });
          try {
            const byId = new Map<string, Expected>();
            for (const planned of sessions) {
              const obs = planned.project === 'alpha' ? t.obs : beta;
              const session = obs.startSession(planned.operation, { tenant: planned.tenant });
              for (const c of planned.calls) {
                obs.recordCall({
                  sessionId: session.id,
                  provider: 'openai',
                  modelName: 'gpt-4o',
                  promptTokens: 10,
                  completionTokens: 5,
                  latencyMs: c.latencyMs,
                  totalCost: c.costMicros / 1e6,
                  timestamp: new Date(T0 + c.offsetMinutes * MINUTE),
                });
              }
              if (planned.end === 'success') await obs.endSession(session, { success: true });
              if (planned.end === 'failed') await obs.endSession(session, { success: false, error: 'gave up' });
              if (planned.end === 'cancelled') await obs.endSession(session, { cancelled: true });
              byId.set(session.id, expected(planned));
            }
            await Promise.all([t.obs.flush({ timeoutMs: 60_000 }), beta.flush({ timeoutMs: 60_000 })]);
            // History recorded after the fact: sessions move to their calls' times.
            await t.obs.storage.alignSessionTimes();

            for (const q of queries) {
              const query: SessionQuery = {
                projectName: q.project,
                operationType: q.operation,
                status: q.status as SessionQuery['status'],
                minCost: q.minCostMicros === undefined ? undefined : q.minCostMicros / 1e6,
                maxCost: q.maxCostMicros === undefined ? undefined : q.maxCostMicros / 1e6,
                minDurationMs: q.minDurationMs,
                metadata: q.tenant === undefined ? undefined : { key: 'tenant', value: q.tenant },
                sort: q.sort,
                order: q.order,
                limit: q.limit,
              };
              const where = JSON.stringify(q);
              const matching = [...byId].filter(([, e]) => {
                const p = e.planned;
                const duration = e.end === null ? 0 : e.end - e.start;
                return (
                  (q.project === undefined || p.project === q.project) &&
                  (q.operation === undefined || p.operation === q.operation) &&
                  (q.status === undefined || p.end === q.status) &&
                  (q.minCostMicros === undefined || e.costMicros >= q.minCostMicros) &&
                  (q.maxCostMicros === undefined || e.costMicros <= q.maxCostMicros) &&
                  (q.minDurationMs === undefined || duration >= q.minDurationMs) &&
                  (q.tenant === undefined || p.tenant === q.tenant)
                );
              });

              const seen: string[] = [];
              let cursor: string | undefined;
              do {
                const page = await t.obs.storage.findSessions({ ...query, cursor });
                expect(page.items.length, where).toBeLessThanOrEqual(q.limit);
                for (const session of page.items) {
                  const e = byId.get(session.id);
                  expect(e, `${where}: an unknown session`).toBeDefined();
                  if (!e) continue;
                  // Each shows its calls' totals and times.
                  expect(session.totalLlmCalls, where).toBe(e.calls);
                  expect(session.totalCost, where).toBeCloseTo(e.costMicros / 1e6, 9);
                  expect(session.startTime.getTime(), where).toBe(e.start);
                  expect(session.endTime?.getTime() ?? null, where).toBe(e.end);
                  seen.push(session.id);
                }
                cursor = page.nextCursor ?? undefined;
              } while (cursor && seen.length <= byId.size);

              expect([...seen].sort(), `${where}: the matching sessions, once each`).toEqual(
                matching.map(([id]) => id).sort(),
              );
              const values = seen.map((id) => sortValue(byId.get(id) as Expected, q.sort));
              const sorted = [...values].sort((a, b) => (q.order === 'asc' ? a - b : b - a));
              expect(values, `${where}: in sort order`).toEqual(sorted);
            }
          } finally {
            await beta.close();
            await t.cleanup();
          }
        },
      ),
      { numRuns: database === 'postgres' ? 8 : 25, seed: 20261206 },
    );
  }, 300_000);
});
