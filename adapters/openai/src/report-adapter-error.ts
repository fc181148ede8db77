import type { Observatory } from '@observatory/core';

/**
 * Hand an adapter failure to the observatory's `onError` (through `obs.reportError`, which
 * never throws), never to the caller. Without a usable observatory (the user passed
 * something else), Node's process warning keeps the failure from being swallowed.
 */
export function reportAdapterError(obs: Observatory, error: unknown): void {
  try {
    if (typeof obs?.reportError === 'function') obs.reportError(error);
    else process.emitWarning(error instanceof Error ? error : String(error), 'ObservatoryWarning');
  } catch {
    // Reporting must not throw into the host app either.
  }
}
