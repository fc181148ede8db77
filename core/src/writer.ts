import type { DiskSpool } from './disk-spool.js';
import type { Session } from './models.js';
import { ObservatoryError } from './observatory-error.js';
import { prepareForStorage, type StoragePolicy } from './prepare-for-storage.js';
import type { WriteItem } from './write-item.js';
import type { WriteSink } from './write-sink.js';

export type { WriteItem } from './write-item.js';

export interface WriterOptions extends StoragePolicy {
  /** Items per transaction. */
  batchSize: number;
  /** How long a recorded call may wait before its batch is written. */
  flushIntervalMs: number;
  /** Items held in memory. Past this the queue moves to the disk spool (or, without one, new items are refused). */
  maxQueueSize: number;
  /** Longest wait between retries of a failed batch. */
  maxRetryDelayMs: number;
  /** Where items go while the database is away; null keeps everything in memory. */
  spool: DiskSpool | null;
}

export interface WriterCounters {
  written: number;
  /** Transactions (or ingest requests) that wrote them. */
  batches: number;
  retried: number;
  dropped: number;
  spooled: number;
}

/**
 * A write starts once this share of a batch waits, and takes up to a whole batch. Calls that
 * wait less die young instead of being promoted: in bench/peers (6 rounds) peak RSS fell
 * from +44.9 to +37.1 MB (LangChain) and +43.9 to +26.0 MB (OpenAI), CPU a call the same,
 * against starting only at a full batch. A backlog (a long write, a flush) still goes in
 * whole batches: 100k calls in 250-call transactions took 1.8× as long as in 1,000-call ones.
 */
const WRITE_START_SHARE = 0.25;
/** While writes fail, a queue longer than this many batches moves to disk, so memory stays bounded. */
const OUTAGE_QUEUE_BATCHES = 5;
/**
 * Items made storable between two yields to the event loop: redacting and cutting 1,000
 * calls at once held the host's thread for 3–8 ms, the slowest 0.1% of its calls.
 */
const PREPARE_SLICE = 100;

/** A sender waiting to hear that all of its items are durable. */
interface Receipt {
  waiting: number;
  resolve: () => void;
}

/**
 * Background, batched writer. `enqueue` is O(1) and does no I/O in the normal case;
 * batches go to the sink (the database, or an ingest server) one at a time, and a failed
 * batch is retried with backoff until it is written. While the sink is away the queue
 * moves to a disk spool, which is replayed (oldest first, before anything newer) once
 * writes work.
 */
export class BatchWriter {
  readonly counters: WriterCounters = { written: 0, batches: 0, retried: 0, dropped: 0, spooled: 0 };
  /** Why the last write failed, until a write succeeds again. */
  lastFailure: unknown = null;
  private queue: WriteItem[] = [];
  /** The batch being written; `segment` when it came from the spool. */
  private inFlight: { items: WriteItem[]; segment: string | null } | null = null;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryDelayMs = 0;
  private failures = 0;
  /** Callers of `flush` waiting now: the writer writes on until they are served. */
  private flushing = 0;
  /** False once the spool was found empty; set again when something is spooled. */
  private spoolMayHaveSegments: boolean;
  /** Items whose sender waits for them to be durable (`enqueueDurable`), by identity. */
  private readonly receipts = new Map<WriteItem, Receipt>();
  /** How many queued items start a write without waiting for flushIntervalMs. */
  private readonly writeStartsAt: number;

  constructor(
    private readonly sink: WriteSink,
    private readonly options: WriterOptions,
    private readonly reportError: (error: unknown) => void,
  ) {
    this.writeStartsAt = Math.max(1, Math.ceil(options.batchSize * WRITE_START_SHARE));
    options.spool?.adoptExisting();
    this.spoolMayHaveSegments = (options.spool?.size ?? 0) > 0;
    // Segments left by an earlier run are replayed as soon as the database answers.
    if (this.spoolMayHaveSegments) this.schedule(0);
  }

  /** The disk spool's folder, or null without one. */
  get spoolDir(): string | null {
    return this.options.spool?.dir ?? null;
  }

  /** Items waiting in memory, being written, or spooled to disk. */
  get pending(): number {
    // A segment being replayed is still counted by the spool until it is removed.
    const inFlightFromMemory = this.inFlight?.segment === null ? this.inFlight.items.length : 0;
    return this.queue.length + inFlightFromMemory + (this.options.spool?.size ?? 0);
  }

  /** Queue an item; false only when it could be neither queued nor spooled. */
  enqueue(item: WriteItem): boolean {
    if (this.queue.length >= this.options.maxQueueSize && !this.spillQueue()) {
      this.counters.dropped++;
      return false;
    }
    this.queue.push(item);
    if (this.queue.length >= this.writeStartsAt) this.kick();
    else this.schedule(this.options.flushIntervalMs);
    return true;
  }

  /**
   * Queue items and resolve once every one is durable: written, or in the disk spool. For a
   * sender that drops the items when told (HTTP ingest). Rejects, with nothing promised,
   * when the queue is full and there is no spool.
   */
  enqueueDurable(items: WriteItem[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (items.length === 0) return resolve();
      const receipt: Receipt = { waiting: items.length, resolve };
      for (const item of items) {
        if (!this.enqueue(item)) {
          for (const queued of items) this.receipts.delete(queued);
          reject(new ObservatoryError(`the write queue is full; ${items.length} items were not accepted`));
          return;
        }
        this.receipts.set(item, receipt);
      }
      // The sender is waiting: write now rather than after flushIntervalMs.
      this.kick();
    });
  }

  /** Resolves once everything queued before the call is written. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      while (this.pending > 0) {
        this.kick();
        await this.writing;
      }
    } finally {
      this.flushing--;
    }
  }

  /**
   * Move everything not yet written to the disk spool (used when the process must exit
   * while the database is away). False when there is no spool or it could not be written.
   */
  spillAll(): boolean {
    if (this.inFlight && this.inFlight.segment === null) {
      // Its write may be running and commit after this: rewrite it in replay mode, which
      // skips what is already stored, or its session rows would be inserted twice.
      for (const item of this.inFlight.items) if (this.writing) item.mayBeStored = true;
      this.queue.unshift(...this.inFlight.items);
      this.inFlight = null;
    }
    return this.queue.length === 0 || this.spillQueue();
  }

  /** Stop the timer; pending items stay queued until `flush`. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private spillQueue(): boolean {
    const spool = this.options.spool;
    if (!spool) return false;
    try {
      spool.write(this.queue.map((item) => this.toStorable(item)));
    } catch (error) {
      this.reportError(
        new ObservatoryError(`spooling ${this.queue.length} items to ${spool.dir} failed`, { cause: error }),
      );
      return false;
    }
    this.counters.spooled += this.queue.length;
    this.settle(this.queue);
    this.queue = [];
    this.spoolMayHaveSegments = true;
    return true;
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
      if (this.pending > 0) this.schedule(this.retryDelayMs || this.options.flushIntervalMs);
    });
  }

  /** Write batches until nothing is pending or a write fails (then retry later). */
  private async drain(): Promise<void> {
    while (this.pending > 0) {
      this.inFlight ??= this.nextBatch();
      if (!this.inFlight) return;
      const { items, segment } = this.inFlight;
      try {
        // A spooled segment can be larger than a batch; it is written in batch-sized
        // transactions, replayed idempotently, and deleted once all are committed.
        for (let i = 0; i < items.length; i += this.options.batchSize) {
          const part = items.slice(i, i + this.options.batchSize);
          const replay = segment !== null || part.some((item) => item.received || item.mayBeStored);
          const result = await this.sink.write(await this.storableInSlices(part), { replay });
          this.counters.written += result.written;
          this.counters.batches++;
          this.counters.dropped += result.dropped;
          this.settle(part);
        }
        if (segment !== null) this.options.spool?.remove(segment, items.length);
        this.inFlight = null;
        this.retryDelayMs = 0;
        this.failures = 0;
        this.lastFailure = null;
        if (!this.mustWriteOn()) return;
      } catch (error) {
        this.onWriteFailure(items.length, error);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs).unref());
      }
    }
  }

  /**
   * Whether the next batch is written at once rather than after flushIntervalMs: when a
   * quarter of a batch waits, or someone waits for the writes (a flush, a durable sender, spooled
   * segments). Otherwise the calls that arrived during a write wait for more: written at
   * once, they made a transaction (and an fsync) of a few calls each, 5–10× the CPU per call
   * of a full batch (bench/peers).
   */
  private mustWriteOn(): boolean {
    return (
      this.queue.length >= this.writeStartsAt ||
      this.flushing > 0 ||
      this.receipts.size > 0 ||
      this.spoolMayHaveSegments
    );
  }

  /** Spooled items first (they are older), then the in-memory queue. */
  private nextBatch(): { items: WriteItem[]; segment: string | null } | null {
    if (this.spoolMayHaveSegments && this.options.spool) {
      const claimed = this.options.spool.claimOldest();
      if (claimed) return { items: claimed.items, segment: claimed.file };
      // Nothing left that this process may replay (another process may have claimed what
      // was counted): forget the count, or `pending` would never reach zero.
      this.options.spool.forgetUnclaimed();
      this.spoolMayHaveSegments = false;
    }
    if (this.queue.length === 0) return null;
    return { items: this.queue.splice(0, this.options.batchSize), segment: null };
  }

  private onWriteFailure(itemCount: number, error: unknown): void {
    this.failures++;
    this.counters.retried++;
    this.lastFailure = error;
    this.retryDelayMs = Math.min(this.options.maxRetryDelayMs, 100 * 2 ** Math.min(this.failures, 10));
    // A sender waiting for durability gets it from the disk spool rather than waiting out
    // the outage; the batch is then retried from there.
    if (this.receipts.size > 0) this.spillAll();
    else if (this.queue.length > this.options.batchSize * OUTAGE_QUEUE_BATCHES) this.spillQueue();
    // Report the first failure of an outage and then every tenth retry, not every one.
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.reportError(
        new ObservatoryError(
          `writing ${itemCount} queued items failed (attempt ${this.failures}); retrying in ${this.retryDelayMs} ms`,
          { cause: error },
        ),
      );
    }
  }

  /** The item as it is stored: texts redacted and cut, sessions without running totals. */
  private toStorable(item: WriteItem): WriteItem {
    if (item.kind === 'session' || item.kind === 'stub') return { ...item, session: asStarted(item.session) };
    if (item.kind === 'call' && !item.prepared) {
      return { ...item, call: prepareForStorage(item.call, this.options), prepared: true };
    }
    return item;
  }

  /** The items as stored, made PREPARE_SLICE at a time with the host's other work in between. */
  private async storableInSlices(items: WriteItem[]): Promise<WriteItem[]> {
    const storable: WriteItem[] = [];
    for (let i = 0; i < items.length; i += PREPARE_SLICE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const item of items.slice(i, i + PREPARE_SLICE)) storable.push(this.toStorable(item));
    }
    return storable;
  }

  /** Tell waiting senders these items are durable. */
  private settle(items: WriteItem[]): void {
    if (this.receipts.size === 0) return;
    for (const item of items) {
      const receipt = this.receipts.get(item);
      if (!receipt) continue;
      this.receipts.delete(item);
      if (--receipt.waiting === 0) receipt.resolve();
    }
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
