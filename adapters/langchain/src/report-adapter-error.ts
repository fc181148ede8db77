import { ObservatoryError } from '@observatory/core';

/**
 * Report a failure inside the adapter without throwing, to `onError` (the handler's own, or
 * else the observatory's `reportError`). Nothing here may reach the user's LangChain run.
 */
export function reportAdapterError(onError: (error: unknown) => void, where: string, error: unknown): void {
  try {
    const reason = error instanceof Error ? error.message : String(error);
    const wrapped = new ObservatoryError(`LangChain adapter: ${where} failed: ${reason}`, { cause: error });
    onError(wrapped);
  } catch {
    // An onError that throws must not reach the host app either.
  }
}
