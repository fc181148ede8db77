import type { WriteItem } from '../write-item.js';

/* The messages between the host's writer (writer-thread-sink.ts) and its writer thread (writer-thread.ts). */

export interface WriterThreadData {
  path: string;
}

/**
 * A batch to write, by the id the host waits on, sent in parts: `last` false for each part
 * but the final one, which the thread then writes with the parts before it, in one transaction.
 */
export interface WriteRequest {
  kind: 'write';
  id: number;
  items: WriteItem[];
  replay: boolean;
  last: boolean;
  /** The host writes this batch itself (a part could not be sent): drop its parts. */
  abandoned?: true;
}

/** Open the store now (at start, and after the host migrated it), so the first batch finds it open. */
export interface OpenRequest {
  kind: 'open';
}

export type WriterThreadReply =
  /** `stale`: the store lacks migrations of this version; the host migrates it, then asks again. */
  | { kind: 'opened' }
  | { kind: 'stale' }
  | { kind: 'written'; id: number; written: number }
  | { kind: 'failed'; id: number; error: ThreadError };

/** An error as it crosses to the host's thread. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
}
