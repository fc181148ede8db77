import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordCallInput } from '../record-input.js';
import { createTestObservatory, makeCall, type TestObservatory } from '../test/index.js';

/**
 * Bad input, one case per row: what was passed, and what must happen — rejected with an
 * error naming the field and its value, or a documented coercion (what is stored).
 */
type Case =
  | { name: string; input: unknown; rejects: RegExp }
  | { name: string; input: unknown; stores: (call: Record<string, unknown>) => void };

const circular: Record<string, unknown> = { a: 1 };
circular.self = circular;
const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);

const cases: Case[] = [
  { name: 'negative prompt tokens', input: makeCall({ promptTokens: -1 }), rejects: /promptTokens = -1/ },
  { name: 'negative completion tokens', input: makeCall({ completionTokens: -5 }), rejects: /completionTokens = -5/ },
  { name: 'NaN prompt tokens', input: makeCall({ promptTokens: Number.NaN }), rejects: /promptTokens = NaN/ },
  {
    name: 'Infinity completion tokens',
    input: makeCall({ completionTokens: Number.POSITIVE_INFINITY }),
    rejects: /completionTokens = Infinity/,
  },
  { name: 'string prompt tokens', input: makeCall({ promptTokens: '500' as never }), rejects: /promptTokens = "500"/ },
  { name: 'fractional tokens', input: makeCall({ promptTokens: 10.5 }), rejects: /promptTokens = 10.5/ },
  { name: 'BigInt tokens', input: makeCall({ promptTokens: 10n as never }), rejects: /promptTokens = 10n/ },
  { name: 'negative cached tokens', input: makeCall({ cachedPromptTokens: -2 }), rejects: /cachedPromptTokens = -2/ },
  {
    name: 'cache parts above the prompt',
    input: makeCall({ promptTokens: 10, cachedPromptTokens: 20 }),
    rejects: /promptTokens = 10: must be the total input/,
  },
  {
    name: 'reasoning above completion',
    input: makeCall({ completionTokens: 5, reasoningTokens: 9 }),
    rejects: /completionTokens = 5: must include reasoning/,
  },
  { name: 'negative latency', input: makeCall({ latencyMs: -1 }), rejects: /latencyMs = -1/ },
  { name: 'NaN latency', input: makeCall({ latencyMs: Number.NaN }), rejects: /latencyMs = NaN/ },
  { name: 'string latency', input: makeCall({ latencyMs: '1200ms' as never }), rejects: /latencyMs = "1200ms"/ },
  { name: 'negative cost', input: makeCall({ totalCost: -0.01 }), rejects: /totalCost = -0.01/ },
  { name: 'NaN cost', input: makeCall({ totalCost: Number.NaN }), rejects: /totalCost = NaN/ },
  { name: 'empty model name', input: makeCall({ modelName: '' }), rejects: /modelName = ""/ },
  { name: 'blank model name', input: makeCall({ modelName: '   ' }), rejects: /modelName/ },
  { name: 'missing model name', input: { provider: 'openai', promptTokens: 1 }, rejects: /modelName = undefined/ },
  { name: 'numeric model name', input: makeCall({ modelName: 42 as never }), rejects: /modelName = 42/ },
  { name: 'missing provider', input: { modelName: 'gpt-4o' }, rejects: /provider = undefined/ },
  { name: 'empty provider', input: makeCall({ provider: '' }), rejects: /provider = ""/ },
  {
    name: 'invalid date string',
    input: makeCall({ timestamp: 'not a date' }),
    rejects: /timestamp = "not a date": not a valid date/,
  },
  { name: 'Invalid Date object', input: makeCall({ timestamp: new Date('x') }), rejects: /timestamp/ },
  {
    name: 'routing without chosenModel',
    input: makeCall({ routingDecision: { alternativeModels: [], modelScores: {}, reasoning: '' } as never }),
    rejects: /routingDecision.chosenModel = undefined/,
  },
  {
    name: 'routing scores not numbers',
    input: makeCall({
      routingDecision: { chosenModel: 'a', alternativeModels: [], modelScores: { a: 'high' }, reasoning: '' } as never,
    }),
    rejects: /routingDecision.modelScores.a = "high"/,
  },
  {
    name: 'cache hit as string',
    input: makeCall({ cacheMetadata: { cacheHit: 'yes' } as never }),
    rejects: /cacheMetadata.cacheHit = "yes"/,
  },
  {
    name: 'judge score above 10',
    input: makeCall({
      qualityEvaluation: { judgeScore: 11, hallucinationFlag: false, factualError: false, suggestions: [] },
    }),
    rejects: /qualityEvaluation.judgeScore = 11/,
  },
  {
    name: 'judge without flags',
    input: makeCall({ qualityEvaluation: { judgeScore: 5 } as never }),
    rejects: /qualityEvaluation.hallucinationFlag = undefined/,
  },
  { name: 'metadata as a string', input: makeCall({ metadata: 'tag' as never }), rejects: /metadata = "tag"/ },
  { name: 'input is null', input: null, rejects: /\(input\) = null/ },
  { name: 'input is a string', input: 'gpt-4o', rejects: /\(input\) = "gpt-4o"/ },
  // Documented coercions: stored, changed as described.
  {
    name: 'date as ISO string',
    input: makeCall({ timestamp: '2026-03-01T12:00:00Z' }),
    stores: (c) => expect((c.timestamp as Date).toISOString()).toBe('2026-03-01T12:00:00.000Z'),
  },
  {
    name: 'date as epoch ms',
    input: makeCall({ timestamp: 1_767_225_600_000 }),
    stores: (c) => expect((c.timestamp as Date).getTime()).toBe(1_767_225_600_000),
  },
  {
    name: 'provider in capitals',
    input: makeCall({ provider: 'OpenAI' }),
    stores: (c) => expect(c.provider).toBe('openai'),
  },
  {
    name: 'unknown provider',
    input: makeCall({ provider: 'acme-llm', modelName: 'acme-1' }),
    stores: (c) => expect([c.provider, c.costSource, c.totalCost]).toEqual(['acme-llm', 'unknown', 0]),
  },
  {
    name: '10 MB prompt',
    input: makeCall({ prompt: tenMegabytes }),
    stores: (c) => expect(c.prompt).toMatch(/^x{200000} …\[truncated 10285760 chars\]$/),
  },
  {
    name: 'lone surrogates',
    input: makeCall({ prompt: 'a\uD83Db\uDC00c' }),
    stores: (c) => expect(c.prompt).toBe('a\uFFFDb\uFFFDc'),
  },
  {
    name: 'invalid UTF-8 from a Buffer',
    input: makeCall({ responseText: Buffer.from([0x68, 0xff, 0xfe, 0x69]).toString('utf8') }),
    stores: (c) => expect(c.responseText).toBe('h\uFFFD\uFFFDi'),
  },
  {
    name: 'circular metadata',
    input: makeCall({ metadata: circular }),
    stores: (c) => expect(JSON.stringify(c.metadata)).toMatch(/^\{"a":1,"self":.*"\[Circular\]".*\}$/),
  },
  {
    name: 'BigInt in metadata',
    input: makeCall({ metadata: { big: 2n ** 70n } }),
    stores: (c) => expect(c.metadata).toEqual({ big: '1180591620717411303424' }),
  },
  {
    name: 'Error object as error',
    input: makeCall({ error: new RangeError('too long') }),
    stores: (c) => expect(c.error).toBe('RangeError: too long'),
  },
  {
    name: 'no token counts at all',
    input: { provider: 'openai', modelName: 'gpt-4o' },
    stores: (c) => expect([c.promptTokens, c.usageSource]).toEqual([0, 'missing']),
  },
  {
    name: 'null optional fields',
    input: makeCall({ agentName: null, ttftMs: null, metadata: null }),
    stores: (c) => expect([c.agentName, c.ttftMs, c.metadata]).toEqual([null, null, null]),
  },
];

describe('bad input corpus', () => {
  let t: TestObservatory;
  const stored = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    t = await createTestObservatory({ strict: false });
    const { obs } = t;
    // Every case is recorded between two valid calls; all go to one store.
    for (const c of cases) {
      obs.recordCall(makeCall({ agentName: `before:${c.name}` }));
      const call = obs.recordCall(c.input as RecordCallInput);
      if (call) stored.set(c.name, { id: call.id });
      obs.recordCall(makeCall({ agentName: `after:${c.name}` }));
    }
    await obs.flush();
    for (const [name, { id }] of stored) {
      const [row] = await obs.storage
        .getLlmCalls({ projectName: obs.projectName, limit: 10_000 })
        .then((rows) => rows.filter((r) => r.id === id));
      stored.set(name, row as unknown as Record<string, unknown>);
    }
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if ('rejects' in c) {
      expect(stored.has(c.name)).toBe(false);
      const messages = t.errors.map((e) => (e as Error).message);
      const match = messages.find((m) => c.rejects.test(m));
      expect(match, `no reported error matches ${c.rejects}; reported:\n${messages.join('\n')}`).toBeDefined();
    } else {
      const row = stored.get(c.name);
      expect(row, 'the call was not stored').toBeDefined();
      c.stores(row as Record<string, unknown>);
    }
  });

  it('stores every valid call around the bad ones, and never threw into the caller', async () => {
    const agents = (await t.obs.storage.getLlmCalls({ projectName: t.obs.projectName, limit: 10_000 })).map(
      (c) => c.agentName,
    );
    for (const c of cases) {
      expect(agents).toContain(`before:${c.name}`);
      expect(agents).toContain(`after:${c.name}`);
    }
    const rejected = cases.filter((c) => 'rejects' in c).length;
    expect(t.obs.stats()).toMatchObject({ rejected, dropped: 0 });
  });
});
