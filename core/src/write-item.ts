import type { LLMCall, Session } from './models.js';
import type { SessionEnd } from './store/write-batch.js';

/**
 * One thing waiting to be written, in the order it was recorded. `prepared` marks a call
 * already made storage-safe (redacted, cut, JSON-safe), e.g. before it was spooled;
 * `callerId` a call whose id the caller chose, which may already be stored.
 * `received` marks an item another process recorded and sent here (HTTP ingest): the
 * sender may resend it after a timeout, so it is written in replay mode, which skips ids
 * already stored. `mayBeStored` marks an item taken back from a write still running when it
 * was spilled (a flush that timed out): that write may yet commit, so it is rewritten in
 * replay mode too.
 */
export type WriteItem = (
  | { kind: 'session'; session: Session }
  | { kind: 'stub'; session: Session }
  | { kind: 'call'; call: LLMCall; prepared?: boolean; callerId?: boolean }
  | { kind: 'end'; end: SessionEnd }
) & { received?: boolean; mayBeStored?: boolean };
