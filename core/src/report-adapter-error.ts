import type { Observatory } from './observatory.js';
import { ObservatoryError } from './observatory-error.js';

/**
 * Report a failure inside an adapter (a recording bug, input the observatory rejects, a
 * result it cannot read) without throwing it into the user's code, which must run as if
 * the adapter were not there.
 *
 * - An `ObservatoryError` (a validation error naming the field and value, or one the
 *   adapter made to say what it could not read) is reported as it is.
 * - Anything else (a `TypeError` from a shape nobody expected) is wrapped in an
 *   `ObservatoryError` whose message says where it happened (`<where> failed: <message>`),
 *   with the original as `cause`.
 * - It goes to `onError` when given (an adapter's own option), else to `obs.reportError`
 *   (the observatory's `onError`, by default a console warning). When `obs` is not an
 *   Observatory at all, a process warning keeps the failure from being swallowed.
 * - It never throws, not even when `onError` does.
 *
 * @param obs The observatory the adapter records into.
 * @param where What failed, naming the adapter and its callback or function (`'LangChain handleLLMEnd'`, `'recordOpenAIResponse'`).
 * @param error What was thrown.
 * @param onError Receives the report instead of `obs.reportError`.
 *
 * @example
 * try {
 *   obs.recordCall(toCallInput(event))
 * } catch (error) {
 *   reportAdapterError(obs, 'MyFramework onEnd', error)
 * }
 */
export function reportAdapterError(
  obs: Observatory | null | undefined,
  where: string,
  error: unknown,
  onError?: (error: unknown) => void,
): void {
  try {
    const reported = ObservatoryError.isInstance(error)
      ? error
      : new ObservatoryError(`${where} failed: ${messageOf(error)}`, { cause: error });
    if (onError) onError(reported);
    else if (typeof obs?.reportError === 'function') obs.reportError(reported);
    else process.emitWarning(reported.message, 'ObservatoryWarning');
  } catch {
    // Reporting must never be the thing that breaks the user's call.
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
