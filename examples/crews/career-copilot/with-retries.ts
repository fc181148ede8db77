import { sleep } from '../../shared/sleep.js';

/** When and how often to try a request again. */
export interface RetryPolicy {
  /** Tries after the first one. */
  retries: number;
  /** Whether a failure is worth another try. */
  shouldRetry(error: unknown): boolean;
  /** Milliseconds to wait before try `attempt` (2, 3, …). */
  delayMs(attempt: number): number;
  /** Called for every failed try, before the next one (or the throw), to record it. */
  onFailure(error: unknown, attempt: number, latencyMs: number): void;
}

/**
 * Run `request` until it succeeds or the policy gives up, then throw the last error. The
 * copilot retries itself (its SDK clients have `maxRetries: 0`) so that every failed try is
 * recorded: retries inside the SDK would never reach Observatory.
 */
export async function withRetries<T>(request: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      return await request(attempt);
    } catch (error) {
      policy.onFailure(error, attempt, performance.now() - started);
      if (attempt > policy.retries || !policy.shouldRetry(error)) throw error;
      await sleep(policy.delayMs(attempt + 1));
    }
  }
}

/**
 * Errors the SDKs themselves would retry: timeouts and connection failures, 408, 409, 429
 * and 5xx. Read structurally, so it holds for the OpenAI and Anthropic clients alike.
 */
export function isRetryable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { status } = error as { status?: unknown };
  if (typeof status === 'number') return status === 408 || status === 409 || status === 429 || status >= 500;
  // APIConnectionError and APIConnectionTimeoutError carry no status.
  return /^APIConnection(Timeout)?Error$/.test(error.constructor.name);
}

/** The SDK gave up waiting (`APIConnectionTimeoutError`, from either SDK). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.constructor.name === 'APIConnectionTimeoutError';
}

/** The provider is overloaded (Anthropic 529, OpenAI 503): better served elsewhere than retried. */
export function isOverloaded(error: unknown): boolean {
  const { status } = (error ?? {}) as { status?: unknown };
  return status === 529 || status === 503;
}
