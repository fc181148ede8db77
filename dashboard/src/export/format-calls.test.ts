import type { LLMCall } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, formatCallsAsCsv, formatCallsAsNdjson } from './format-calls.js';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

const call = {
  id: 'c1',
  sessionId: 's1',
  projectName: 'p',
  timestamp: new Date('2026-01-05T10:00:00.000Z'),
  provider: 'openai',
  modelName: 'gpt-4o',
  promptTokens: 10,
  completionTokens: 5,
  totalTokens: 15,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  latencyMs: 120,
  ttftMs: null,
  totalCost: 0.000075,
  costSource: 'price_table',
  usageSource: 'reported',
  agentName: 'Reviewer',
  operationName: null,
  prompt: 'Say "hi",\nthen stop',
  responseText: '=SUM(A1:A9)',
  routingDecision: null,
  cacheMetadata: { cacheHit: true },
  qualityEvaluation: null,
  error: null,
  finishReason: 'stop',
  parentId: null,
  metadata: null,
  createdAt: new Date('2026-01-05T10:00:01.000Z'),
} satisfies LLMCall;

describe('csvCell', () => {
  it('quotes, escapes and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('""');
    expect(csvCell("'=1+1")).toBe("''=1+1");
    expect(csvCell("'plain")).toBe("'plain");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe('formatCallsAsCsv', () => {
  it('writes a header and one row per call', async () => {
    const csv = await collect(formatCallsAsCsv(from([call])));
    const [header, ...rest] = csv.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    const row = rest.join('\r\n');
    expect(row).toContain('"Say ""hi"",\nthen stop"');
    expect(row).toContain("'=SUM(A1:A9)");
    expect(row).toContain('2026-01-05T10:00:00.000Z');
    expect(row).toContain('"{""cacheHit"":true}"');
  });
});

describe('formatCallsAsNdjson', () => {
  it('writes one JSON object per line', async () => {
    const text = await collect(formatCallsAsNdjson(from([call, { ...call, id: 'c2' }])));
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['c1', 'c2']);
    expect(lines[0].timestamp).toBe('2026-01-05T10:00:00.000Z');
  });
});
