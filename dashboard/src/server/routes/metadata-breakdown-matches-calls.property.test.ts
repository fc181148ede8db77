import type { BreakdownRow, Observatory } from '@observatory/core';
import { createTestObservatory, type TestDatabaseKind, testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  cachedOf,
  edgeCalls,
  edgeQueries,
  getJson,
  HOUR,
  inHours,
  lateProject,
  NOW,
  type PlannedCall,
  type PlannedQuery,
  pathOf,
  plannedCall,
  plannedQuery,
  rangeOf,
  recordPlannedCalls,
  T0,
  timeOf,
} from '../../test-support/planned-history.js';
import { createApp } from '../create-app.js';

interface MetadataBreakdownResponse {
  by: string;
  rows: BreakdownRow[];
  source: 'rollups' | 'calls';
  scannedFrom: number | null;
}

/** Past 256 characters a value groups by its first 256 (the rollup column's width). */
const LONG = 'L'.repeat(256);

/**
 * What a call holds under a key: nothing, a string (empty, long, or spelling a number or a
 * boolean), a number, a boolean, null, an object or an array.
 */
const plannedValue = fc.constantFrom(
  undefined,
  '',
  'acme',
  'globex',
  '7',
  7,
  true,
  'true',
  null,
  { plan: 'pro' },
  ['a'],
  LONG,
  `${LONG}x`,
);

/** A planned call with a value under `tenant` (rolled up once named) and under `team` (never named). */
const taggedCall = fc
  .tuple(plannedCall, plannedValue, plannedValue)
  .map(([c, tenant, team]) => ({ ...c, tenant, team }));
type TaggedCall = PlannedCall & { tenant: unknown; team: unknown };

/** The group a value falls in (`metadataValueOf`): strings cut to 256, numbers and booleans as JavaScript writes them, else the '' row. */
function groupOf(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 256);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
const isGroupable = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** Per group: calls, errors, tokens, cost and mean latency; cost shares; costliest first, then most calls, then by key. */
function referenceRows(scope: readonly TaggedCall[], key: 'tenant' | 'team') {
  const groups = new Map<string, TaggedCall[]>();
  for (const c of scope) groups.set(groupOf(c[key]), [...(groups.get(groupOf(c[key])) ?? []), c]);
  const allMicros = scope.reduce((sum, c) => sum + c.costMicros, 0);
  return [...groups]
    .map(([value, calls]) => {
      const sum = (f: (c: TaggedCall) => number) => calls.reduce((total, c) => total + f(c), 0);
      return {
        key: value,
        calls: calls.length,
        errors: calls.filter((c) => c.failed).length,
        promptTokens: sum((c) => c.promptTokens),
        completionTokens: sum((c) => c.completionTokens),
        cachedPromptTokens: sum(cachedOf),
        costMicros: sum((c) => c.costMicros),
        avgLatencyMs: sum((c) => c.latencyMs) / calls.length,
        costShare: allMicros > 0 ? sum((c) => c.costMicros) / allMicros : 0,
      };
    })
    .sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.key.localeCompare(b.key));
}

function expectRows(
  rows: readonly BreakdownRow[],
  scope: readonly TaggedCall[],
  key: 'tenant' | 'team',
  where: string,
) {
  const reference = referenceRows(scope, key);
  expect(
    rows.map((r) => [r.key.slice(0, 12), r.totalCalls]),
    `${where}: values (first 12 characters) and calls, costliest first`,
  ).toEqual(reference.map((r) => [r.key.slice(0, 12), r.calls]));
  rows.forEach((row, i) => {
    const r = reference[i];
    const at = `${where}, ${key}=${JSON.stringify(r.key.slice(0, 12))}`;
    expect(row.key, `${at}: value`).toBe(r.key);
    expect(row.errorCalls, `${at}: errors`).toBe(r.errors);
    expect(row.promptTokens, `${at}: prompt tokens`).toBe(r.promptTokens);
    expect(row.completionTokens, `${at}: completion tokens`).toBe(r.completionTokens);
    expect(row.totalTokens, `${at}: total tokens`).toBe(r.promptTokens + r.completionTokens);
    expect(row.cachedPromptTokens, `${at}: cached tokens`).toBe(r.cachedPromptTokens);
    expect(row.totalCost, `${at}: cost`).toBeCloseTo(r.costMicros / 1e6, 9);
    expect(row.costShare, `${at}: cost share`).toBeCloseTo(r.costShare, 9);
    expect(row.avgLatencyMs, `${at}: mean latency`).toBeCloseTo(r.avgLatencyMs, 6);
    // No latency histogram per value is kept, and the calls path sends none either (NO_PERCENTILES).
    expect([row.p50LatencyMs, row.p95LatencyMs, row.p99LatencyMs], `${at}: percentiles`).toEqual([null, null, null]);
  });
}

/**
 * Record the history in a fresh store, naming `tenant` (PUT /api/metadata-keys/tenant)
 * after the first `namedAfter` calls (never when null), so the backfill of stored calls and
 * the writer's rollups of later ones are both among the cases; check the key's added calls.
 */
async function withNamedKeyStore(
  database: TestDatabaseKind,
  calls: readonly TaggedCall[],
  namedAfter: number | null,
  check: (app: Hono, obs: Observatory) => Promise<void>,
): Promise<void> {
  const t = await createTestObservatory({ database });
  const more = (c: TaggedCall) => ({
    metadata: {
      ...(c.tenant === undefined ? {} : { tenant: c.tenant }),
      ...(c.team === undefined ? {} : { team: c.team }),
    },
  });
  try {
    const app = createApp(t.obs, { now: () => NOW, cacheRevalidateMs: 0, onError: () => {} });
    const split = namedAfter === null ? calls.length : Math.min(namedAfter, calls.length);
    await recordPlannedCalls(t.obs, calls.slice(0, split), undefined, more);
    if (namedAfter !== null) {
      const res = await app.request('/api/metadata-keys/tenant', { method: 'PUT', headers: { host: 'localhost' } });
      const body = (await res.json()) as { addedCalls: number };
      expect(res.status).toBe(200);
      expect(body.addedCalls, 'calls the backfill added').toBe(
        calls.slice(0, split).filter((c) => isGroupable(c.tenant)).length,
      );
    }
    await recordPlannedCalls(t.obs, calls.slice(split), undefined, more);
    await check(app, t.obs);
  } finally {
    await t.cleanup();
  }
}

/**
 * A key not named, read from the newest calls with a scan limit: the rows hold the newest
 * `scanLimit` calls in range (checked only when no other call shares the last one's time);
 * `scannedFrom` is that last one's time when the range held more, else null.
 */
async function expectScanned(obs: Observatory, calls: readonly TaggedCall[], q: PlannedQuery, scanLimit: number) {
  const where = `${JSON.stringify(q)} scanLimit ${scanLimit}`;
  const { from, to } = rangeOf(q);
  const breakdown = await obs.storage.getMetadataBreakdown(
    'team',
    {
      projectName: q.project,
      from: from === undefined ? undefined : new Date(from),
      to: to === undefined ? undefined : new Date(to),
    },
    { scanLimit },
  );
  const newest = [...inHours(calls, q)].sort((a, b) => timeOf(b) - timeOf(a));
  const read = newest.slice(0, scanLimit);
  expect(breakdown.source, `${where}: source`).toBe('calls');
  expect(breakdown.scannedFrom?.getTime() ?? null, `${where}: scanned from`).toBe(
    newest.length > scanLimit ? timeOf(read[read.length - 1]) : null,
  );
  const tied = newest.length > scanLimit && timeOf(newest[scanLimit]) === timeOf(read[read.length - 1]);
  if (!tied) expectRows(breakdown.rows, read, 'team', where);
}

function expectBreakdowns(
  tenant: MetadataBreakdownResponse,
  team: MetadataBreakdownResponse,
  calls: readonly TaggedCall[],
  q: PlannedQuery,
  named: boolean,
) {
  const where = JSON.stringify(q);
  const scope = inHours(calls, q);
  expect([tenant.by, tenant.source, tenant.scannedFrom], `${where}: tenant`).toEqual([
    'metadata.tenant',
    named ? 'rollups' : 'calls',
    null,
  ]);
  expect([team.by, team.source, team.scannedFrom], `${where}: team`).toEqual(['metadata.team', 'calls', null]);
  expectRows(tenant.rows, scope, 'tenant', `${where} (${named ? 'named' : 'not named'})`);
  expectRows(team.rows, scope, 'team', `${where} (not named)`);
}

const template: TaggedCall = {
  project: 'alpha',
  model: 'gpt-4o',
  agent: 'planner',
  promptTokens: 1200,
  cachedPercent: 50,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'miss',
  routing: undefined,
  judge: undefined,
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
  tenant: 'acme',
  team: 'acme',
};

/** The edge calls with every kind of value, and calls at $0 (ties on cost). */
const edgeTagged: TaggedCall[] = [
  ...edgeCalls(template).map((c, i) => ({
    ...c,
    tenant: [7, '', undefined, '7', { a: 1 }, LONG, `${LONG}x`, true][i],
  })),
  { ...template, costMicros: 0, tenant: 'globex', team: undefined, offsetMs: NOW - T0 - 2 * HOUR - 1 },
  { ...template, costMicros: 0, tenant: ['a'], team: '', offsetMs: NOW - T0 - 2 * HOUR - 1 },
];

/**
 * Breakdowns by a metadata key (`/api/breakdown?by=metadata.KEY`) against the calls: for a
 * key named before, during or after the history (its rollups: the stored calls backfilled,
 * later ones added as written) and for one never named (read from the calls), per value its
 * calls, errors, tokens, cost, mean latency and cost share, the '' row for calls without a
 * value, costliest first; the scan limit's rows and `scannedFrom`.
 */
describe.each(testDatabases())('the breakdown by a metadata key against the calls, on %s', (database) => {
  it('shows per value the figures of the calls holding it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(taggedCall, { minLength: 1, maxLength: 60 }),
        fc.array(plannedQuery, { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        fc.integer({ min: 1, max: 30 }),
        async (calls, queries, namedAfter, scanLimit) => {
          await withNamedKeyStore(database, calls, namedAfter, async (app, obs) => {
            for (const q of queries) {
              const [tenant, team] = await Promise.all(
                ['tenant', 'team'].map((key) =>
                  getJson<MetadataBreakdownResponse>(app, pathOf('breakdown', q, { by: `metadata.${key}` })),
                ),
              );
              expectBreakdowns(tenant, team, calls, q, namedAfter !== null);
              await expectScanned(obs, calls, q, scanLimit);
            }
          });
        },
      ),
      {
        numRuns: database === 'postgres' ? 10 : 25,
        seed: 20261216,
        examples: [
          [edgeTagged, edgeQueries, 0, 3],
          [edgeTagged, edgeQueries, 5, 10],
          [edgeTagged, edgeQueries, 60, 10],
          [edgeTagged, edgeQueries, null, 10],
          [...(lateProject(template) as [TaggedCall[], PlannedQuery[]]), 1, 1],
        ],
      },
    );
  }, 300_000);
});
