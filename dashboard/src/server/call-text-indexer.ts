import type { ObservatoryStorage } from '@observatory/core';

/**
 * Calls added to the index per step: one short write (~25 ms with long prompts), since the
 * SQLite driver runs statements on the server's thread and ingest waits behind the lock.
 * A 1M-call store catches up in a few minutes, a step at a time between requests.
 */
const ROWS_PER_STEP = 200;
const IDLE_MS = 5_000;

/**
 * Keeps SQLite's full-text index of prompts and responses caught up while the dashboard
 * runs, a step at a time off the write path (PostgreSQL indexes on insert: each step is a
 * no-op there). Searches are complete meanwhile: calls not yet indexed are scanned.
 */
export class CallTextIndexer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** The step in flight, awaited by stop(). */
  private stepping: Promise<void> | undefined;

  constructor(
    private readonly storage: ObservatoryStorage,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stop, and wait for the step in flight: the store may close right after. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.stepping;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => (this.stepping = this.step()), delayMs);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    try {
      const added = await this.storage.indexCallText(ROWS_PER_STEP);
      // Caught up: wait for new calls. Behind: continue after yielding to requests.
      this.schedule(added < ROWS_PER_STEP ? IDLE_MS : 10);
    } catch (error) {
      // Another writer holds the store: not a fault, try again shortly.
      if (!/database is locked|SQLITE_BUSY/i.test(String((error as Error)?.message ?? error))) this.onError(error);
      this.schedule(IDLE_MS);
    }
  }
}
