import type { DeliveryResult } from './notification.js';

/** What one try came to. */
export interface AttemptOutcome {
  ok: boolean;
  status: string;
  /** A failure a later try may get past: network error, HTTP 429 or 5xx, SMTP 4xx. */
  transient: boolean;
  /** How long the receiver asked us to wait (HTTP Retry-After), in ms. */
  retryAfterMs?: number | null;
}

export interface RetryPolicy {
  /** Pause before each retry, ms; its length + 1 is the most attempts. */
  delaysMs: readonly number[];
  /** The longest Retry-After we honour, ms. */
  maxRetryAfterMs: number;
  wait: (ms: number) => Promise<void>;
}

/** Wait `ms` on a real timer. */
export function waitFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Run `attempt` until it succeeds, fails for good, or the delays run out. A retry waits its
 * backoff delay, or the receiver's Retry-After when that is longer.
 */
export async function retryDelivery(
  attempt: () => Promise<AttemptOutcome>,
  policy: RetryPolicy,
): Promise<DeliveryResult> {
  for (let attempts = 1; ; attempts++) {
    const { ok, status, transient, retryAfterMs } = await attempt();
    const delay = policy.delaysMs[attempts - 1];
    // A receiver asking for a longer pause than we hold the alert loop for would refuse a
    // sooner try too, so that is a failure now rather than a wasted request.
    const tooLong = (retryAfterMs ?? 0) > policy.maxRetryAfterMs;
    if (ok || !transient || delay === undefined || tooLong) return { ok, status, attempts };
    await policy.wait(Math.max(delay, retryAfterMs ?? 0));
  }
}
