import type { EndSessionOptions } from '@observatory/core';

/**
 * How a graph session ends, from the error its root run ended with (undefined: it ended
 * normally) and the last error a run inside it reported.
 *
 * A run stopped through its AbortSignal fails at the root with LangGraph's own
 * `Error('Abort')`, whatever the cause; the cause is the signal's reason, which the node
 * runs busy at that moment failed with just before. No reason given (`AbortError`: the
 * consumer stopped reading `stream()`, or `abort()` without an argument) means cancelled;
 * a reason (`abort(new Error('over budget'))`, a `TimeoutError` from the `timeout` option)
 * is kept as the failure's error. Anything else at the root is a failure as it is.
 */
export function readSessionEnd(rootError: unknown, lastInnerError: unknown): EndSessionOptions {
  if (rootError === undefined) return { success: true };
  // A node that threw `Error('Abort')` itself fails the root with that very error.
  if (isLangGraphAbort(rootError) && rootError !== lastInnerError) {
    return lastInnerError === undefined || isCancellation(lastInnerError)
      ? { cancelled: true }
      : { success: false, error: lastInnerError };
  }
  return { success: false, error: rootError };
}

/** LangGraph's error for a run stopped by its signal (`pregel/runner.js`), at the root and at each subgraph. */
export function isLangGraphAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'Error' && error.message === 'Abort';
}

/**
 * An abort with no reason given. LangGraph treats `AbortError` as a cancellation too: its
 * retry policy never retries one.
 */
export function isCancellation(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
