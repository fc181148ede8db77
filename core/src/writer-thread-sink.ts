import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ObservatoryError } from './observatory-error.js';
import { isStaleSchema } from './store/open-current-sqlite.js';
import type {
  OpenRequest,
  ThreadError,
  WriteRequest,
  WriterThreadData,
  WriterThreadReply,
} from './store/writer-thread-protocol.js';
import type { WriteItem } from './write-item.js';
import type { SinkResult, WriteSink } from './write-sink.js';

/**
 * Items per message to the thread: copying 1,000 calls into one message held the host's
 * thread for 2–5 ms; a batch goes in parts, with the host's other work in between.
 */
const ITEMS_PER_MESSAGE = 100;

/**
 * The recording thread's young generation: capped, since each batch it holds is small and
 * every MB shows in the host's RSS (it added 40–50 MB uncapped). An import's thread is not
 * capped: with 5,000-call batches the cap made it spend a fifth of its time in GC.
 */
const RECORDING_YOUNG_GENERATION_MB = 4;

/** The thread's module next to this one: `.js` in the build, `.ts` when run from source. */
const THREAD_URL = new URL(`./store/writer-thread${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

interface Pending {
  resolve: (result: SinkResult) => void;
  reject: (error: Error) => void;
}

/**
 * Writes each batch into an embedded SQLite store (libSQL) on a worker thread, so the
 * host's event loop never waits for a statement, a COMMIT or a WAL checkpoint. The thread
 * starts with the first recorded item and opens the store at once (creating a new one),
 * while the app goes on; a store from an older version is migrated by `migrate` (MikroORM,
 * on this thread) before the thread writes to it. The thread holds the process open only while a
 * batch is being written.
 */
export class WriterThreadSink implements WriteSink {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  /** Set when the thread could not start at all: batches are written on this thread instead. */
  private useFallback = false;

  /**
   * `migrate` brings the store to this version's schema. `fallback` writes on this thread
   * when no thread can start. `purpose`: 'import' leaves the thread's heap uncapped.
   * `threadUrl`: the thread's module (tests name one that cannot load).
   */
  constructor(
    private readonly data: WriterThreadData,
    private readonly migrate: () => Promise<void>,
    private readonly fallback: WriteSink,
    private readonly reportError: (error: unknown) => void,
    private readonly options: { purpose?: 'record' | 'import'; threadUrl?: URL } = {},
  ) {}

  /** Whether the thread was started (it may have ended since). */
  get started(): boolean {
    return this.worker !== null || this.useFallback;
  }

  /** Start the thread if it is not running; it opens the store at once. */
  start(): void {
    if (this.worker || this.closed || this.useFallback) return;
    this.worker = this.spawn();
  }

  async write(items: WriteItem[], options: { replay: boolean }): Promise<SinkResult> {
    if (this.useFallback) return this.fallback.write(items, options);
    try {
      return await this.send(items, options.replay);
    } catch (error) {
      if (!isStaleSchema(error)) throw error;
      // The store was not current (new, or from an older version): migrate it, then write.
      await this.migrate();
      return this.send(items, options.replay);
    }
  }

  /** End the thread; batches still being written fail (the writer has flushed before this). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the writer thread was closed'));
    await worker?.terminate();
  }

  private async send(items: WriteItem[], replay: boolean): Promise<SinkResult> {
    this.start();
    const worker = this.worker;
    if (!worker) throw new Error('the writer thread is closed');
    const id = ++this.nextId;
    const done = new Promise<SinkResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // It may fail while parts are still being sent (the thread died); the caller hears it at the end.
    done.catch(() => {});
    worker.ref();
    for (let i = 0; i < items.length || i === 0; i += ITEMS_PER_MESSAGE) {
      // Recording yields between parts, so the app runs on; an import sends at once, or the
      // thread would wait for the last part while the import reads its next batch.
      if (i > 0 && this.options.purpose !== 'import') await new Promise((resolve) => setImmediate(resolve));
      const last = i + ITEMS_PER_MESSAGE >= items.length;
      const request: WriteRequest = { kind: 'write', id, items: items.slice(i, i + ITEMS_PER_MESSAGE), replay, last };
      try {
        worker.postMessage(request);
      } catch {
        // A value a thread cannot receive (a function in a session's metadata): the batch is
        // written here instead, where such a value is stored as JSON leaves it, as it always
        // was. Its parts already sent are dropped by the thread with the batch's end.
        worker.postMessage({
          kind: 'write',
          id,
          items: [],
          replay,
          last: true,
          abandoned: true,
        } satisfies WriteRequest);
        this.pending.delete(id);
        if (this.pending.size === 0) worker.unref();
        return this.fallback.write(items, { replay });
      }
    }
    return done;
  }

  private spawn(): Worker {
    const threadUrl = this.options.threadUrl ?? THREAD_URL;
    const resourceLimits =
      this.options.purpose === 'import' ? {} : { maxYoungGenerationSizeMb: RECORDING_YOUNG_GENERATION_MB };
    const worker = threadUrl.pathname.endsWith('.ts')
      ? new Worker(fromSourceLoader(threadUrl), { eval: true, workerData: this.data, resourceLimits })
      : new Worker(threadUrl, { workerData: this.data, resourceLimits });
    worker.unref();
    worker.postMessage({ kind: 'open' } satisfies OpenRequest);
    let heardFrom = false;
    worker.on('message', (reply: WriterThreadReply) => {
      heardFrom = true;
      if (reply.kind === 'stale') {
        // Migrate now rather than when the first batch is due; its batch then finds the store current.
        this.migrate().then(
          () => worker.postMessage({ kind: 'open' } satisfies OpenRequest),
          () => {},
        );
        return;
      }
      if (reply.kind === 'opened') return;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.kind === 'written') waiting.resolve({ written: reply.written, dropped: 0 });
      else waiting.reject(fromThreadError(reply.error));
    });
    // The thread died (it should not): its batches fail, and are retried on a new one. One
    // that never answered could not load (a bundle without its module): write here instead.
    const ended = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (!heardFrom && !this.closed) {
        this.useFallback = true;
        this.reportError(
          new ObservatoryError('the writer thread could not start; writing on this thread', { cause: error }),
        );
      }
      this.failAll(error);
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`the writer thread exited (code ${code})`)));
    return worker;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

/**
 * Run from source (this repository's tests and tsx), the thread loads its TypeScript through
 * tsx's API: Node 20 applies no `--import` loader to a worker's own module.
 */
function fromSourceLoader(url: URL): string {
  return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
}

function fromThreadError(thrown: ThreadError): Error {
  return Object.assign(new Error(thrown.message), { name: thrown.name, ...(thrown.code ? { code: thrown.code } : {}) });
}
