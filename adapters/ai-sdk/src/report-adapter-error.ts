import { type Observatory, ObservatoryError } from '@observatory/core';

/**
 * Send a failure inside the adapter to the observatory's `onError`, never to the user's
 * code. Observatory errors (e.g. a strict observatory's validation error) go as they are;
 * anything else is wrapped so the report says where it came from. Never throws.
 */
export function reportAdapterError(obs: Observatory, where: string, error: unknown): void {
  try {
    const reported = ObservatoryError.isInstance(error)
      ? error
      : new ObservatoryError(`@observatory/ai-sdk (${where}): ${describe(error)}`, { cause: error });
    if (typeof obs?.reportError === 'function') obs.reportError(reported);
    else process.emitWarning(reported.message, 'ObservatoryWarning');
  } catch {
    // Reporting must never be the thing that breaks the user's call.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
