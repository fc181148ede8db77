import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileQuickParse } from './quick-call-input.js';
import { type ParsedCallInput, recordCallSchema } from './record-input.js';
import { INVALID, QUICK_CHECKS, VALUE_RULES, type ValueKind } from './value-rules.js';

const quickParse = compileQuickParse<ParsedCallInput>(recordCallSchema);

const SAMPLE_VALUES: unknown[] = [
  'a',
  ' a ',
  '',
  '   ',
  'Mixed Case',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(128),
  'x'.repeat(129),
  ` ${'x'.repeat(128)} `,
  'x'.repeat(256),
  'x'.repeat(257),
  'a\u0000b',
  '\u0000',
  ' \u0000 ',
  'Ünïcödé',
  0,
  -0,
  1,
  1.5,
  -1,
  2_147_483_647,
  2_147_483_648,
  2 ** 53,
  1e9,
  1e9 + 1,
  1e12,
  1e12 + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '5',
  true,
  {},
  [],
  new Date(0),
  10n,
];

/** A call as an adapter gives it: most optional fields set to undefined. */
const ADAPTER_CALL = {
  provider: 'openai',
  modelName: 'gpt-4o-2024-08-06',
  promptTokens: 1320,
  completionTokens: 96,
  totalTokens: 1416,
  cachedPromptTokens: 1024,
  cacheWriteTokens: undefined,
  reasoningTokens: 0,
  latencyMs: 812.5,
  ttftMs: undefined,
  agentName: undefined,
  sessionId: undefined,
  parentId: undefined,
  routingDecision: undefined,
  prompt: 'system: Be brief.\nuser: Capital of France?',
  responseText: 'Paris.',
  finishReason: 'stop',
  error: undefined,
  metadata: { responseId: 'chatcmpl-1', serviceTier: 'default' },
};

/** zod's output without the keys whose value is undefined (the fast path leaves them out). */
function zodParse(input: unknown): { success: true; data: Record<string, unknown> } | { success: false } {
  const result = recordCallSchema.safeParse(input);
  if (!result.success) return { success: false };
  return {
    success: true,
    data: Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)),
  };
}

describe('QUICK_CHECKS', () => {
  it('takes and returns what each kind’s zod rule does, enum members included', () => {
    const enumMembers = Object.values(VALUE_RULES).flatMap((rule) => (rule instanceof z.ZodEnum ? rule.options : []));
    expect(enumMembers).toContain('estimated');
    for (const [kind, check] of Object.entries(QUICK_CHECKS)) {
      const rule = VALUE_RULES[kind as ValueKind];
      for (const value of [...SAMPLE_VALUES, ...enumMembers]) {
        const expected = rule.safeParse(value);
        const label = `${kind} ${String(value).slice(0, 20)}`;
        if (expected.success) expect(check?.(value), label).toEqual(expected.data);
        else expect(check?.(value), label).toBe(INVALID);
      }
    }
  });
});

describe('the fast path of recordCall input', () => {
  it('returns what zod returns for an adapter’s call, and takes it without zod', () => {
    const quick = quickParse(ADAPTER_CALL);
    expect(quick).toBeDefined();
    expect(quick).toEqual((zodParse(ADAPTER_CALL) as { data: unknown }).data);
    // A copy: the caller changing its metadata later cannot change the queued call.
    expect(quick?.metadata).not.toBe(ADAPTER_CALL.metadata);
  });

  it('trims and lower-cases the provider, reads dates and keeps nulls as zod does', () => {
    const input = {
      ...ADAPTER_CALL,
      provider: '  OpenAI ',
      modelName: ' gpt-4o ',
      timestamp: '2026-12-08T01:00:00.000Z',
      ttftMs: null,
      totalCost: null,
      agentName: '',
      id: ' call-1 ',
    };
    const quick = quickParse(input);
    expect(quick).toMatchObject({ provider: 'openai', modelName: 'gpt-4o', id: 'call-1', ttftMs: null, agentName: '' });
    expect(quick?.timestamp).toEqual(new Date('2026-12-08T01:00:00.000Z'));
    expect(quick).toEqual((zodParse(input) as { data: unknown }).data);
  });

  it('leaves every input zod refuses to zod, and agrees with zod on every input it takes', () => {
    const variants: Record<string, unknown>[] = [];
    const fields = [
      'provider',
      'modelName',
      'id',
      'sessionId',
      'projectName',
      'agentName',
      'finishReason',
      'promptTokens',
      'latencyMs',
      'totalCost',
      'prompt',
    ];
    for (const field of fields) {
      for (const value of [...SAMPLE_VALUES, null, undefined]) variants.push({ ...ADAPTER_CALL, [field]: value });
    }
    const dates = [
      new Date(0),
      new Date(Number.NaN),
      '2026-12-08',
      'not a date',
      0,
      1e20,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      null,
    ];
    for (const timestamp of dates) variants.push({ ...ADAPTER_CALL, timestamp });
    const metadata = [
      { a: 1 },
      Object.create(null),
      JSON.parse('{"__proto__": {"x": 1}, "a": 2}'),
      [],
      new Map(),
      'text',
      null,
      new (class Thing {})(),
    ];
    for (const value of metadata) variants.push({ ...ADAPTER_CALL, metadata: value });
    const decisions = [
      { cacheMetadata: { cacheHit: true, cacheKey: 'k', extra: 1 } },
      { cacheMetadata: { cacheHit: 'yes' } },
      { routingDecision: { chosenModel: 'a', alternativeModels: ['b'], modelScores: { a: 1 }, reasoning: 'cheap' } },
      { routingDecision: { chosenModel: '' } },
      { qualityEvaluation: null },
      { error: new Error('boom') },
      { error: false },
      { error: null },
      { usageSource: 'estimated' },
      { usageSource: 'guessed' },
      { unknownKey: 1 },
    ];
    for (const extra of decisions) variants.push({ ...ADAPTER_CALL, ...extra });
    variants.push({ modelName: 'm' }, { provider: 'p' }, {});

    const fellBack: unknown[] = [];
    for (const input of variants) {
      const quick = quickParse(input);
      const zod = zodParse(input);
      if (quick === undefined) {
        if (zod.success) fellBack.push(input);
        continue;
      }
      expect(zod.success, `zod refuses what the fast path took: ${inspect(input)}`).toBe(true);
      expect(quick, inspect(input)).toEqual((zod as { data: unknown }).data);
    }
    // Only `error: null` (which the error rule turns into null) goes to zod though zod takes it.
    expect(fellBack).toEqual([{ ...ADAPTER_CALL, error: null }]);
    expect(quickParse(null)).toBeUndefined();
    expect(quickParse([ADAPTER_CALL])).toBeUndefined();
  });
});
