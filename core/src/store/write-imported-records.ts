import { toWriteBatch } from '../database-sink.js';
import type { LLMCall, Session } from '../models.js';
import { stubSession } from '../stub-session.js';
import type { WriteItem } from '../write-item.js';
import { insertRecords, SESSIONS_TABLE } from './insert-records.js';
import type { SqlDatabase } from './sql-connection.js';
import { writeBatch } from './write-batch.js';

/**
 * Calls that were recorded before (e.g. read back from an export), ids kept, as the items of
 * one batch, to be written in replay mode: calls already stored are skipped, so importing
 * twice adds nothing, and the session totals and rollups grow by exactly the new calls. A
 * call whose session is not stored gets a stub session ('external', like a session started
 * by another process) that a later session record replaces.
 */
export function importedCallItems(calls: LLMCall[]): WriteItem[] {
  const unique = [...new Map(calls.map((call) => [call.id, call])).values()];
  const stubs = new Map<string, Session>();
  for (const call of unique) {
    const stub = stubs.get(call.sessionId);
    if (!stub || call.timestamp < stub.startTime)
      stubs.set(call.sessionId, stubSession(call.sessionId, call.projectName, call.timestamp, call.timestamp));
  }
  return [
    ...[...stubs.values()].map((session): WriteItem => ({ kind: 'stub', session })),
    ...unique.map((call): WriteItem => ({ kind: 'call', call, prepared: true })),
  ];
}

/** Write imported calls (importedCallItems) in one transaction; returns the calls newly stored. */
export async function writeImportedCalls(database: SqlDatabase, calls: LLMCall[]): Promise<number> {
  return writeBatch(database, toWriteBatch(importedCallItems(calls)), { replay: true });
}

/**
 * Store sessions exactly as given (ids, times, status, metadata and totals), replacing a
 * stored session with the same id. Write a session after its calls (as exports order them):
 * its totals then replace the sums its calls added, bit for bit.
 */
export async function writeImportedSessions(database: SqlDatabase, sessions: Session[]): Promise<number> {
  const unique = [...new Map(sessions.map((session) => [session.id, session])).values()];
  await database.transaction((sql) => insertRecords(sql, SESSIONS_TABLE, unique, { existing: 'replace' }));
  return unique.length;
}
