import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LLMCall, Observatory, type Session } from '@observatory/core';
import { createTestDatabase, createTestObservatory, type TestDatabase, testDatabases } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';

/** Text a CSV or JSON writer can get wrong. */
const TRICKY_TEXTS = [
  'Say "hi", then stop',
  'line one\nline two\r\nline three',
  'commas, everywhere, ,,',
  '=SUM(A1:A9)',
  "'=already defused",
  "''+twice",
  '-42 looks like a number',
  '@mention',
  '\tstarts with a tab',
  '',
  ' ',
  'null',
  '日本語のプロンプト 🚀 — ünïcödé, עברית',
  '{"looks": "like json"}',
  'x'.repeat(5000),
];

const DAY_MS = 86_400_000;

/** Fill a store through recordCall with every kind of field, in small batches. */
async function fillSource(obs: Observatory): Promise<void> {
  const start = Date.UTC(2026, 0, 5, 8, 0, 0, 123);
  for (let s = 0; s < 60; s++) {
    const session = obs.startSession(s % 3 === 0 ? 'code_review' : 'support_ticket', {
      ticket: s,
      note: TRICKY_TEXTS[s % TRICKY_TEXTS.length],
      nested: { list: [1, 2.5, 'three'], flag: s % 2 === 0 },
    });
    for (let c = 0; c < 7 + (s % 5); c++) {
      const i = s * 20 + c;
      const text = TRICKY_TEXTS[i % TRICKY_TEXTS.length];
      obs.recordCall({
        sessionId: session.id,
        provider: ['openai', 'anthropic', 'google', 'my-local'][i % 4],
        modelName: ['gpt-4o', 'claude-sonnet-4-20250514', 'gemini-2.5-pro', 'custom-model'][i % 4],
        promptTokens: 100 + ((i * 37) % 5000),
        completionTokens: 10 + ((i * 13) % 900),
        cachedPromptTokens: i % 3 === 0 ? 64 : 0,
        cacheWriteTokens: i % 7 === 0 ? 32 : 0,
        reasoningTokens: i % 5 === 0 ? 8 : 0,
        latencyMs: 100 + ((i * 7919) % 9000) + (i % 3) / 3,
        ttftMs: i % 2 === 0 ? 40.125 + (i % 11) : undefined,
        // Tiny, large and irrational-looking costs; unset ones come from the price table.
        totalCost:
          i % 9 === 0 ? 1e-9 * (i + 1) : i % 9 === 1 ? 12_345.678_901_234_5 + i : i % 9 === 2 ? 0.1 + 0.2 : undefined,
        agentName: i % 6 === 0 ? undefined : ['Planner', 'Reviewer', 'Écrivain ✍️'][i % 3],
        operationName: i % 4 === 0 ? undefined : ['plan', 'review', 'answer'][i % 3],
        prompt: text,
        responseText: i % 8 === 0 ? undefined : TRICKY_TEXTS[(i + 3) % TRICKY_TEXTS.length],
        routingDecision:
          i % 4 === 1
            ? {
                chosenModel: 'gpt-4o',
                alternativeModels: ['gpt-4o-mini', 'claude-sonnet-4'],
                modelScores: { 'gpt-4o': 0.91, 'gpt-4o-mini': 1 / 3 },
                reasoning: 'needs "reasoning", commas',
                ...(i % 8 === 1 ? { estimatedCostSavings: 0.0123 } : {}),
              }
            : undefined,
        cacheMetadata:
          i % 3 === 1 ? { cacheHit: i % 2 === 0, cacheKey: `k-${i % 5}`, cacheClusterId: 'c,1' } : undefined,
        qualityEvaluation:
          i % 5 === 2
            ? {
                judgeScore: (i % 10) + 0.25,
                hallucinationFlag: i % 2 === 0,
                factualError: i % 3 === 0,
                suggestions: ['shorter', 'cite "sources"'],
                ...(i % 10 === 2 ? { confidence: 0.7, reasoning: 'ok\nfine', errorCategory: 'format' } : {}),
              }
            : undefined,
        error: i % 10 === 3 ? `RateLimitError: 429 "slow down", retry\nafter ${i}s` : undefined,
        finishReason: i % 10 === 3 ? 'error' : i % 2 === 0 ? 'stop' : 'length',
        metadata: i % 4 === 2 ? { user: 'ü-42', tags: ['a', 'b,c'], depth: { n: i } } : undefined,
        timestamp: new Date(start + s * 0.37 * DAY_MS + c * 61_001),
      });
    }
    // Ended, failed and still-open sessions.
    if (s % 4 === 0) await obs.endSession(session, { success: true });
    else if (s % 4 === 1) await obs.endSession(session, { success: false, error: 'crew gave up, "twice"' });
    if (s % 10 === 0) await obs.flush();
  }
  await obs.flush();
}

interface StoreSnapshot {
  calls: LLMCall[];
  sessions: Session[];
}

async function readStore(databaseUrl: string): Promise<StoreSnapshot & { obs: Observatory }> {
  const obs = new Observatory({ databaseUrl, flushOnExit: false });
  const calls: LLMCall[] = [];
  for await (const call of obs.storage.streamLlmCalls()) calls.push(call);
  const sessions: Session[] = [];
  for await (const session of obs.storage.streamSessions()) sessions.push(session);
  return { obs, calls, sessions };
}

/** Every figure the dashboard reads from the rollups. */
async function readAggregates(obs: Observatory): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { overview: await obs.storage.getOverview() };
  for (const by of ['model', 'agent', 'operation', 'provider', 'project'] as const) {
    out[`breakdown-${by}`] = await obs.storage.getBreakdown(by);
  }
  out.series = await obs.storage.getTimeSeries({ interval: 'hour' });
  // Finer cuts: every hour per model (hourly rollups) and every day per agent (daily ones).
  out.seriesByModel = sortByKey(await obs.storage.getTimeSeries({ interval: 'hour', groupBy: 'model' }));
  out.seriesByAgent = sortByKey(await obs.storage.getTimeSeries({ interval: 'day', groupBy: 'agent' }));
  out.cells = sortByKey(await obs.storage.getCrossBreakdown('model', 'agent'));
  return out;
}

function sortByKey<T extends object>(rows: T[]): T[] {
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * Sums of floating-point measures (cost, latency) may differ in the last bits, because the
 * rollups add the same calls in different batches; everything else must be identical.
 */
function expectSameAggregates(actual: unknown, expected: unknown, path = ''): void {
  if (
    typeof expected === 'number' &&
    typeof actual === 'number' &&
    !(Number.isInteger(expected) && Number.isInteger(actual))
  ) {
    const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
    if (Math.abs(actual - expected) / scale > 1e-12) expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectSameAggregates(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('export → import round trip (SQLite → PostgreSQL → SQLite)', () => {
  const middle = testDatabases().includes('postgres') ? 'postgres' : 'sqlite';
  let source: Awaited<ReturnType<typeof createTestObservatory>>;
  let dir: string;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    dir = mkdtempSync(join(tmpdir(), 'observatory-round-trip-'));
    source = await createTestObservatory({ batchSize: 37 });
    await fillSource(source.obs);
    // A second project, so per-project figures are compared too.
    const other = new Observatory({ databaseUrl: source.databaseUrl, projectName: 'other-app', flushOnExit: false });
    await other.withSession('nightly', async (s) => {
      other.recordCall({
        sessionId: s.id,
        provider: 'openai',
        modelName: 'gpt-4o-mini',
        promptTokens: 5,
        completionTokens: 1,
        latencyMs: 3,
      });
    });
    await other.close();
  }, 120_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await source.cleanup();
    for (const db of databases) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const format of ['json', 'csv'] as const) {
    it(`keeps every call, session and aggregate through ${format} (via ${middle})`, async () => {
      const [middleDb, lastDb] = [await createTestDatabase(middle), await createTestDatabase('sqlite')];
      databases.push(middleDb, lastDb);
      const first = join(dir, `first.${format}`);
      const second = join(dir, `second.${format}`);
      expect(await runCli(['export', '--format', format, '--db', source.databaseUrl, '--out', first])).toBe(0);
      expect(await runCli(['import', '--format', format, '--db', middleDb.url, '--in', first])).toBe(0);
      expect(await runCli(['export', '--format', format, '--db', middleDb.url, '--out', second])).toBe(0);
      expect(await runCli(['import', '--format', format, '--db', lastDb.url, '--in', second])).toBe(0);

      const original = await readStore(source.databaseUrl);
      const stores = [await readStore(middleDb.url), await readStore(lastDb.url)];
      try {
        expect(original.calls.length).toBeGreaterThan(500);
        expect(original.sessions.filter((s) => s.endTime === null).length).toBeGreaterThan(0);
        const expectedAggregates = await readAggregates(original.obs);
        for (const store of stores) {
          expect(store.calls).toEqual(original.calls);
          expect(store.sessions).toEqual(original.sessions);
          expectSameAggregates(await readAggregates(store.obs), expectedAggregates);
        }
      } finally {
        await Promise.all([original, ...stores].map((s) => s.obs.close()));
      }
    }, 120_000);
  }

  it('imports twice without duplicating anything', async () => {
    const target = await createTestDatabase(middle);
    databases.push(target);
    const file = join(dir, 'twice.json');
    expect(await runCli(['export', '--db', source.databaseUrl, '--out', file])).toBe(0);
    expect(await runCli(['import', '--db', target.url, '--in', file])).toBe(0);
    const once = await readStore(target.url);
    const onceAggregates = await readAggregates(once.obs);
    await once.obs.close();
    expect(await runCli(['import', '--db', target.url, '--in', file])).toBe(0);
    const twice = await readStore(target.url);
    try {
      expect(twice.calls).toEqual(once.calls);
      expect(twice.sessions).toEqual(once.sessions);
      expect(await readAggregates(twice.obs)).toEqual(onceAggregates);
    } finally {
      await twice.obs.close();
    }
  }, 120_000);
});
