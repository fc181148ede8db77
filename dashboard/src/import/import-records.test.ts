import { Readable } from 'node:stream';
import type { LLMCall, Session } from '@observatory/core';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '@observatory/core/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatExportAsCsv } from '../export/format-export.js';
import { type ImportSummary, importRecords } from './import-records.js';
import { formatImportProblem, type ImportProblem } from './raw-record.js';
import { readCsvRecords } from './read-csv-records.js';
import { readNdjsonRecords } from './read-ndjson-records.js';

/** Three calls and their ended session, as a real store returns them. */
async function recordSample(): Promise<{ calls: LLMCall[]; session: Session }> {
  const t = await createTestObservatory();
  try {
    const session = t.obs.startSession('triage', { ticket: 7 });
    for (let i = 0; i < 3; i++) t.obs.recordCall(makeCall({ sessionId: session.id, prompt: `prompt ${i}` }));
    await t.obs.endSession(session, { success: true });
    await t.obs.flush();
    const calls = await t.obs.storage.getLlmCalls({ order: 'asc' });
    const stored = await t.obs.storage.getSession(session.id);
    if (!stored) throw new Error('session was not stored');
    return { calls, session: stored };
  } finally {
    await t.cleanup();
  }
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

const line = (kind: 'call' | 'session', fields: object) => JSON.stringify({ kind, ...fields });

describe.each(testDatabases())('importRecords on %s', (database) => {
  let sample: { calls: LLMCall[]; session: Session };
  let target: TestObservatory;
  beforeAll(async () => {
    sample = await recordSample();
  });

  async function run(
    input: string,
    format: 'json' | 'csv',
    batchSize?: number,
    prepare?: (target: TestObservatory) => Promise<void>,
  ) {
    target = await createTestObservatory({ database });
    await prepare?.(target);
    const problems: ImportProblem[] = [];
    const stream = Readable.from([input]);
    const summary = await importRecords(
      target.obs.storage,
      format === 'csv' ? readCsvRecords(stream) : readNdjsonRecords(stream),
      { batchSize, onProblem: (problem) => problems.push(problem) },
    );
    return { summary, problems, storage: target.obs.storage };
  }

  it('reports each bad NDJSON record by line, field and value, and imports the rest', async () => {
    const [a, b, c] = sample.calls;
    const input = [
      line('call', a),
      '{not json',
      line('call', { ...b, id: 'bad-cost', totalCost: 'abc' }),
      line('call', { ...b, id: 'bad-tokens', promptTokens: -5 }),
      line('span' as 'call', b),
      line('call', { ...b, id: 'extra', foo: 1 }),
      line('call', b),
      '[1, 2]',
      '',
      line('session', sample.session),
      line('call', c),
      line('call', { ...c, id: 'bad-time', timestamp: 'yesterday' }),
    ].join('\n');
    await cleanupAfter(async () => {
      const { summary, problems, storage } = await run(input, 'json');
      expect(summary).toEqual({ calls: 2, duplicateCalls: 0, sessions: 1, badRecords: 8 } satisfies ImportSummary);
      expect(problems.map((p) => [p.line, p.field])).toEqual([
        [2, '(line)'],
        [3, 'totalCost'],
        [4, 'promptTokens'],
        [5, 'kind'],
        [6, 'foo'],
        [8, '(line)'],
        [11, 'kind'],
        [12, 'timestamp'],
      ]);
      expect(formatImportProblem(problems[1])).toBe(
        'line 3: totalCost: Invalid input: expected number, received string, got "abc"',
      );
      expect(problems[3]).toMatchObject({ value: 'span', message: 'must be "call" or "session"' });
      expect(problems[4]).toMatchObject({ value: 1, message: 'is not a call field' });
      expect(problems[7].value).toBe('yesterday');
      expect((await storage.getLlmCalls({ order: 'asc' })).map((call) => call.id)).toEqual([a.id, b.id]);
      expect(await storage.getSession(sample.session.id)).toEqual(sample.session);
    });
  });

  it('imports a call exported before 1-hour cache writes were stored, as none of them', async () => {
    const { cacheWrite1hTokens: _absent, ...older } = sample.calls[0];
    const hourly = { ...sample.calls[1], cacheWriteTokens: 300, cacheWrite1hTokens: 200 };
    await cleanupAfter(async () => {
      const { summary, problems, storage } = await run([line('call', older), line('call', hourly)].join('\n'), 'json');
      expect(problems).toEqual([]);
      expect(summary).toMatchObject({ calls: 2, badRecords: 0 });
      const stored = await storage.getLlmCalls({ order: 'asc' });
      expect(stored.map((call) => [call.cacheWriteTokens, call.cacheWrite1hTokens])).toEqual([
        [older.cacheWriteTokens, 0],
        [300, 200],
      ]);
    });
  });

  it('reports malformed and invalid CSV records and imports the rest', async () => {
    const [a, b] = sample.calls;
    const csv = await collect(
      formatExportAsCsv(
        from([
          { kind: 'call' as const, call: a },
          { kind: 'call' as const, call: { ...b, id: 'bad-usage', usageSource: 'guessed' as LLMCall['usageSource'] } },
          { kind: 'call' as const, call: b },
          { kind: 'session' as const, session: sample.session },
        ]),
      ),
    );
    const rows = csv.split('\r\n');
    // Row 4 (call b) loses its last cell: a malformed record, skipped and reported.
    rows[3] = rows[3].slice(0, rows[3].lastIndexOf(','));
    await cleanupAfter(async () => {
      const { summary, problems, storage } = await run(rows.join('\r\n'), 'csv');
      expect(summary).toMatchObject({ calls: 1, sessions: 1, badRecords: 2 });
      expect(problems.map((p) => [p.line, p.field])).toEqual([
        [3, 'usageSource'],
        [4, '(record)'],
      ]);
      expect(problems[0].value).toBe('guessed');
      expect(problems[1].message).toMatch(/column/i);
      expect((await storage.getLlmCalls()).map((call) => call.id)).toEqual([a.id]);
    });
  });

  it('keeps the batch when the database refuses one record in it', async () => {
    const [a, b, c] = sample.calls;
    // Validation keeps out what a database would refuse, so a trigger plays the database
    // refusing one record for a reason of its own (a constraint, a full disk).
    const refuseMarked = async (t: TestObservatory) => {
      const knex = (await t.obs.storage.store()).em.getKnex();
      if (database === 'sqlite') {
        await knex.raw(
          "create trigger refuse_marked before insert on llm_call_texts when new.prompt = 'refuse me' begin select raise(abort, 'refused by a trigger'); end",
        );
      } else {
        await knex.raw(
          "create function refuse_marked() returns trigger language plpgsql as $$ begin if new.prompt = 'refuse me' then raise exception 'refused by a trigger'; end if; return new; end $$",
        );
        await knex.raw(
          'create trigger refuse_marked before insert on llm_call_texts for each row execute function refuse_marked()',
        );
      }
    };
    const input = [line('call', a), line('call', { ...b, prompt: 'refuse me' }), line('call', c)].join('\n');
    await cleanupAfter(async () => {
      const { summary, problems, storage } = await run(input, 'json', 10, refuseMarked);
      expect(summary).toMatchObject({ calls: 2, badRecords: 1 });
      expect(problems).toEqual([expect.objectContaining({ line: 2, field: 'id', value: b.id })]);
      expect(problems[0].message).toMatch(/^the database refused this record: .*refused by a trigger/);
      expect((await storage.getLlmCalls({ order: 'asc' })).map((call) => call.id)).toEqual([a.id, c.id]);
      const session = await storage.getSession(a.sessionId);
      expect(session).toMatchObject({ operationType: 'external', totalLlmCalls: 2 });
    });
  });

  async function cleanupAfter(test: () => Promise<void>): Promise<void> {
    try {
      await test();
    } finally {
      await target?.cleanup();
    }
  }
});
