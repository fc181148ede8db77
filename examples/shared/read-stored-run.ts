import type { LLMCall, Observatory, Session } from '@observatory/core';

/** What one run stored, read back from the store. */
export interface StoredRun {
  sessions: Session[];
  calls: LLMCall[];
}

/** Flush, then read the sessions of a run and their calls (oldest first) back from the store. */
export async function readStoredRun(obs: Observatory, sessionIds: readonly string[]): Promise<StoredRun> {
  await obs.flush();
  const sessions: Session[] = [];
  const calls: LLMCall[] = [];
  for (const id of new Set(sessionIds)) {
    const session = await obs.storage.getSession(id);
    if (session) sessions.push(session);
    calls.push(...(await obs.storage.getLlmCalls({ sessionId: id, order: 'asc', limit: 10_000 })));
  }
  return { sessions, calls };
}
