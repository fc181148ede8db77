import type { LLMCall, Session } from './models.js';
import { ObservatoryError } from './observatory-error.js';
import { prepareForStorage, type StoragePolicy } from './prepare-for-storage.js';
import type { Store } from './store/create-store.js';
import { type SessionEnd, type WriteBatch, writeBatch } from './store/write-batch.js';

/** One thing waiting to be written, in the order it was recorded. */
export type WriteItem =
  | { kind: 'session'; session: Session }
  | { kind: 'stub'; session: Session }
  | { kind: 'call'; call: LLMCall }
  | { kind: 'end'; end: SessionEnd };

export interface WriterOptions extends StoragePolicy {
  /** Items per transaction. */
  batchSize: number;
  /** How long a recorded call may wait before its batch is written. */
  flushIntervalMs: number;
  /** Items held in memory; past this, new calls are refused (and reported) rather than growing without bound. */
  maxQueueSize: number;
  /** Longest wait between retries of a failed batch. */
  maxRetryDelayMs: number;
}

export interface WriterCounters {
  written: number;
  retried: number;
  dropped: number;
}

/**
 * Background, batched writer. `enqueue` is O(1) and never does I/O; batches are written
 * one at a time, each in its own transaction, and a failed batch is retried with
 * backoff until it is written, so nothing enqueued is lost while the process lives.
 */
export class BatchWriter {
  readonly counters: WriterCounters = { written: 0, retried: 0, dropped: 0 };
  private queue: WriteItem[] = [];
  private inFlight: WriteItem[] | null = null;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryDelayMs = 0;
  private failures = 0;

  constructor(
    private readonly getStore: () => Promise<Store>,
    private readonly options: WriterOptions,
    private readonly reportError: (error: unknown) => void,
  ) {}

  /** Items waiting or being written. */
  get pending(): number {
    return this.queue.length + (this.inFlight?.length ?? 0);
  }

  /** Queue an item; false when the queue is full and the item was refused. */
  enqueue(item: WriteItem): boolean {
    if (this.queue.length >= this.options.maxQueueSize) {
      this.counters.dropped++;
      return false;
    }
    this.queue.push(item);
    if (this.queue.length >= this.options.batchSize) this.kick();
    else this.schedule(this.options.flushIntervalMs);
    return true;
  }

  /** Resolves once everything queued before the call is written. */
  async flush(): Promise<void> {
    while (this.pending > 0) {
      this.kick();
      await this.writing;
    }
  }

  /** Stop the timer; pending items stay queued until `flush`. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delayMs);
    this.timer.unref();
  }

  private kick(): void {
    if (this.writing) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending === 0) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.schedule(this.retryDelayMs || this.options.flushIntervalMs);
    });
  }

  /** Write batches until the queue is empty or a write fails (then retry later). */
  private async drain(): Promise<void> {
    while (this.pending > 0) {
      this.inFlight ??= this.queue.splice(0, this.options.batchSize);
      const batch = this.inFlight;
      try {
        const store = await this.getStore();
        await writeBatch(store.em, this.toBatch(batch));
        this.counters.written += batch.filter((item) => item.kind === 'call').length;
        this.inFlight = null;
        this.retryDelayMs = 0;
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.counters.retried++;
        this.retryDelayMs = Math.min(this.options.maxRetryDelayMs, 100 * 2 ** Math.min(this.failures, 10));
        // Report the first failure of an outage and then every tenth retry, not every one.
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.reportError(
            new ObservatoryError(
              `writing ${batch.length} queued items failed (attempt ${this.failures}); retrying in ${this.retryDelayMs} ms`,
              { cause: error },
            ),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs).unref());
      }
    }
  }

  private toBatch(items: WriteItem[]): WriteBatch {
    const batch: WriteBatch = { sessions: [], sessionStubs: [], calls: [], ends: [] };
    for (const item of items) {
      if (item.kind === 'session') batch.sessions.push(asStarted(item.session));
      else if (item.kind === 'stub') batch.sessionStubs.push(asStarted(item.session));
      else if (item.kind === 'call') batch.calls.push(prepareForStorage(item.call, this.options));
      else batch.ends.push(item.end);
    }
    return batch;
  }
}

/**
 * The session row as it is when it starts. The in-memory Session already carries totals
 * of calls recorded since; those reach the row through the calls' own deltas, once.
 */
function asStarted(session: Session): Session {
  return {
    ...session,
    endTime: null,
    success: null,
    error: null,
    totalCost: 0,
    totalTokens: 0,
    totalLlmCalls: 0,
    totalLatencyMs: 0,
  };
}
