import type { CallSample, CallSampleQuery, CallSampleResult, ObservatoryStorage } from '@observatory/core';

export interface SampleCacheOptions {
  /** New calls are looked for at most this often per sample (ms). Default 1,000; 0 reads on every request. */
  refreshMs?: number;
  /** A sample is read from scratch after this long (catches pruned calls). Default 5 minutes. */
  maxAgeMs?: number;
  /** How far back each refresh looks before the newest call it holds, for batches written late (ms). Default 60 s. */
  lagMs?: number;
}

interface Entry {
  /** Newest first. */
  calls: CallSample[];
  /** `from` the sample was read with (undefined: unbounded). */
  coveredFrom: number | undefined;
  scannedFrom: Date | null;
  loadedAt: number;
  refreshedAt: number;
  /** Set while a refresh runs, so concurrent requests share it. */
  pending: Promise<void> | null;
}

const MAX_ENTRIES = 64;

/**
 * Bounded samples of recent calls ("the newest 1,000 judged calls"), kept and slid
 * forward: after the first read, each refresh reads only calls newer than the newest one
 * held (minus a lag for late batches) and drops the oldest beyond the limit. Samples are
 * keyed by their query without `from`, so a moving "last 30 days" window keeps its sample.
 */
export class SampleCache {
  private readonly entries = new Map<string, Entry>();
  private readonly refreshMs: number;
  private readonly maxAgeMs: number;
  private readonly lagMs: number;

  constructor(
    private readonly storage: ObservatoryStorage,
    private readonly now: () => number,
    options: SampleCacheOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
    this.lagMs = options.lagMs ?? 60_000;
  }

  /** Forget every sample (after a prune). */
  clear(): void {
    this.entries.clear();
  }

  async get(query: CallSampleQuery): Promise<CallSampleResult> {
    const limit = query.limit ?? 500;
    const key = JSON.stringify({ ...query, from: undefined });
    const from = query.from?.getTime();
    const now = this.now();
    let entry = this.entries.get(key);
    const widened =
      entry &&
      entry.calls.length < limit &&
      (from ?? Number.NEGATIVE_INFINITY) < (entry.coveredFrom ?? Number.NEGATIVE_INFINITY);
    if (!entry || widened || now - entry.loadedAt >= this.maxAgeMs) {
      const result = await this.storage.sampleCalls(query);
      entry = {
        calls: result.calls,
        coveredFrom: from,
        scannedFrom: result.scannedFrom,
        loadedAt: now,
        refreshedAt: now,
        pending: null,
      };
      this.entries.set(key, entry);
      this.trim();
    } else if (now - entry.refreshedAt >= this.refreshMs) {
      entry.pending ??= this.refresh(entry, query, limit, now).finally(() => {
        if (entry) entry.pending = null;
      });
      await entry.pending;
    } else if (entry.pending) {
      await entry.pending;
    }
    const calls = from === undefined ? entry.calls : entry.calls.filter((call) => call.timestamp.getTime() >= from);
    return { calls, scannedFrom: entry.scannedFrom };
  }

  private async refresh(entry: Entry, query: CallSampleQuery, limit: number, now: number): Promise<void> {
    const newest = entry.calls[0]?.timestamp.getTime();
    const since =
      newest === undefined ? query.from?.getTime() : Math.max(query.from?.getTime() ?? 0, newest - this.lagMs);
    const fresh = await this.storage.sampleCalls({ ...query, from: since === undefined ? undefined : new Date(since) });
    const seen = new Set(entry.calls.map((call) => call.id));
    const added = fresh.calls.filter((call) => !seen.has(call.id));
    if (added.length > 0) {
      entry.calls = [...added, ...entry.calls]
        .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())
        .slice(0, limit);
    }
    entry.refreshedAt = now;
  }

  private trim(): void {
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}
