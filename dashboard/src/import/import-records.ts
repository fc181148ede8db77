import type { LLMCall, ObservatoryStorage, Session } from '@observatory/core';
import { parseExportRecord } from './export-record-schema.js';
import type { ImportProblem, RawRecord } from './raw-record.js';

/** What an import did. */
export interface ImportSummary {
  /** Calls newly stored. */
  calls: number;
  /** Calls skipped because a call with the same id was already stored. */
  duplicateCalls: number;
  /** Sessions stored (created or replaced). */
  sessions: number;
  /** Records not imported (each one reported through onProblem). */
  badRecords: number;
}

export interface ImportOptions {
  /** Records per transaction. Default 5,000. */
  batchSize?: number;
  onProblem?: (problem: ImportProblem) => void;
  /** Called after each written batch. */
  onProgress?: (summary: ImportSummary) => void;
}

interface Pending<T> {
  line: number;
  item: T;
}

/**
 * Import records read from an export into a store, in batches through core's write path
 * (see ObservatoryStorage.importCalls / importSessions). Bad records are reported and
 * skipped; every valid record around them is imported. Memory stays at two batches.
 */
export async function importRecords(
  storage: ObservatoryStorage,
  records: AsyncIterable<RawRecord>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 5000;
  const summary: ImportSummary = { calls: 0, duplicateCalls: 0, sessions: 0, badRecords: 0 };
  const calls: Pending<LLMCall>[] = [];
  const sessions: Pending<Session>[] = [];
  let sawSession = false;

  const report = (problems: ImportProblem[]) => {
    summary.badRecords++;
    for (const problem of problems) options.onProblem?.(problem);
  };
  // One batch is written while the next is read and validated (the database works on its
  // own thread or server); batches still reach the database one after another, in order.
  let writing: Promise<void> = Promise.resolve();
  const startWrite = async (write: () => Promise<void>) => {
    await writing;
    writing = write().then(() => options.onProgress?.({ ...summary }));
  };
  const flushCalls = () => {
    const batch = calls.splice(0);
    return startWrite(async () => {
      const written = await writeIsolatingFailures(batch, (items) => storage.importCalls(items), report);
      summary.calls += written.stored;
      summary.duplicateCalls += written.attempted - written.stored;
    });
  };
  const flushSessions = () => {
    const batch = sessions.splice(0);
    return startWrite(async () => {
      summary.sessions += (
        await writeIsolatingFailures(batch, (items) => storage.importSessions(items), report)
      ).stored;
    });
  };

  for await (const raw of records) {
    if ('problem' in raw) {
      report([raw.problem]);
      continue;
    }
    const parsed = parseExportRecord(raw.line, raw.fields);
    if ('problems' in parsed) {
      report(parsed.problems);
    } else if (parsed.record.kind === 'session') {
      sawSession = true;
      sessions.push({ line: raw.line, item: parsed.record.session });
      if (sessions.length >= batchSize) await flushSessions();
    } else if (sawSession) {
      // A session record sets the session's totals; a call after it would be counted twice.
      report([
        {
          line: raw.line,
          field: 'kind',
          value: 'call',
          message: 'call records must come before session records (as `observatory export` writes them)',
        },
      ]);
    } else {
      calls.push({ line: raw.line, item: parsed.record.call });
      if (calls.length >= batchSize) await flushCalls();
    }
  }
  if (calls.length > 0) await flushCalls();
  if (sessions.length > 0) await flushSessions();
  await writing;
  // A large import leaves the planner's statistics stale until autovacuum runs.
  if (summary.calls + summary.sessions > 10_000) await storage.refreshStatistics();
  return summary;
}

/**
 * Write a batch in one transaction; if the database refuses it, write its records one by
 * one, so only the records it refuses are lost, each reported with its line.
 */
async function writeIsolatingFailures<T extends { id: string }>(
  batch: Pending<T>[],
  write: (items: T[]) => Promise<number>,
  report: (problems: ImportProblem[]) => void,
): Promise<{ attempted: number; stored: number }> {
  try {
    return { attempted: batch.length, stored: await write(batch.map((p) => p.item)) };
  } catch {
    let attempted = 0;
    let stored = 0;
    for (const { line, item } of batch) {
      try {
        stored += await write([item]);
        attempted++;
      } catch (error) {
        report([
          {
            line,
            field: 'id',
            value: item.id,
            message: `the database refused this record: ${(error as Error).message}`,
          },
        ]);
      }
    }
    return { attempted, stored };
  }
}
