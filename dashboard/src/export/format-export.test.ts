import type { LLMCall, Session } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decodeCsvCell } from '../import/decode-csv-cell.js';
import { CSV_COLUMNS, csvCell } from './format-calls.js';
import { EXPORT_CSV_COLUMNS, type ExportRecord, formatExportAsCsv, formatExportAsNdjson } from './format-export.js';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

const session: Session = {
  id: 's1',
  projectName: 'p',
  operationType: 'review',
  startTime: new Date('2026-01-05T09:59:00.000Z'),
  endTime: null,
  totalCost: 0.1 + 0.2,
  totalTokens: 15,
  totalLlmCalls: 1,
  totalLatencyMs: 120.5,
  success: null,
  error: null,
  metadata: { ticket: 'Ü-1' },
  createdAt: new Date('2026-01-05T09:59:00.001Z'),
};

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
  latencyMs: 120.5,
  ttftMs: null,
  totalCost: 0.1 + 0.2,
  costSource: 'user',
  usageSource: 'reported',
  agentName: null,
  operationName: '',
  prompt: '=cmd',
  responseText: null,
  routingDecision: null,
  cacheMetadata: null,
  qualityEvaluation: null,
  error: null,
  finishReason: null,
  parentId: null,
  metadata: null,
  createdAt: new Date('2026-01-05T10:00:00.001Z'),
} satisfies LLMCall;

const records: ExportRecord[] = [
  { kind: 'call', call },
  { kind: 'session', session },
];

describe('formatExportAsNdjson', () => {
  it('writes calls and sessions, each line tagged with its kind', async () => {
    const lines = (await collect(formatExportAsNdjson(from(records))))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.kind, l.id])).toEqual([
      ['call', 'c1'],
      ['session', 's1'],
    ]);
    expect(lines[1]).toMatchObject({
      totalCost: 0.30000000000000004,
      endTime: null,
      startTime: '2026-01-05T09:59:00.000Z',
    });
  });
});

describe('formatExportAsCsv', () => {
  it('keeps the call columns first and fills a session row by field name', async () => {
    const [header, ...rows] = parse(await collect(formatExportAsCsv(from(records)))) as string[][];
    expect(header).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(header.slice(0, CSV_COLUMNS.length)).toEqual([...CSV_COLUMNS]);
    const sessionRow = Object.fromEntries(header.map((column, i) => [column, rows[1][i]]));
    expect(sessionRow).toMatchObject({
      kind: 'session',
      id: 's1',
      operationType: 'review',
      totalCost: '0.30000000000000004',
      timestamp: '',
      metadata: '{"ticket":"Ü-1"}',
    });
  });
});

describe('csvCell and decodeCsvCell', () => {
  it('give back every value a cell can hold', () => {
    const texts = ['', ' ', "'", "'=x", "''=x", '=x', '+1', '-1', '@a', '\tx', '\rx', 'a"b', 'a,b', 'a\nb', 'null'];
    for (const text of texts) {
      const [[cell]] = parse(csvCell(text), {
        cast: (value, context) => decodeCsvCell('prompt', value, context.quoting),
      });
      expect(cell, JSON.stringify(text)).toBe(text);
    }
    expect(decodeCsvCell('prompt', '', false)).toBeNull();
    for (const n of [0, -0.5, 1e-9, 12_345.678_901_234_5, 0.1 + 0.2]) {
      expect(decodeCsvCell('totalCost', csvCell(n), false)).toBe(n);
    }
    expect(decodeCsvCell('success', csvCell(false), false)).toBe(false);
    expect(decodeCsvCell('metadata', JSON.stringify({ a: [1, 'b'] }), true)).toEqual({ a: [1, 'b'] });
  });
});
