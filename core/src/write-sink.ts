import type { WriteItem } from './write-item.js';

/** What one batch came to. */
export interface SinkResult {
  /** Calls now durably stored (or accepted by the ingest server). */
  written: number;
  /** Calls refused for good (the ingest server rejected them); reported, never retried. */
  dropped: number;
}

/**
 * Where the writer's batches go: the database, or an Observatory server over HTTP. Items
 * arrive storage-ready (redacted, cut, sessions without running totals). `write` throws
 * when the batch should be retried later.
 */
export interface WriteSink {
  /** `replay`: the items may have been written before; skip ids already stored. */
  write(items: WriteItem[], options: { replay: boolean }): Promise<SinkResult>;
}
