import type { LLMCall, Session } from './models.js';
import { type EndSessionOptions, Observatory } from './observatory.js';
import type { ObservatoryOptions } from './observatory-options.js';
import type { RecordCallInput } from './record-input.js';

/**
 * The original design's integration template: module-level functions on one default
 * instance, configured from the environment (OBSERVATORY_PROJECT, OBSERVATORY_DATABASE_URL,
 * DATABASE_URL, OBSERVATORY_ENABLED) unless `configure` is called first.
 */
let defaultInstance: Observatory | null = null;

/** Replace the default instance. The previous one is closed (its pending calls written). */
export function configure(options: ObservatoryOptions = {}): Observatory {
  const previous = defaultInstance;
  defaultInstance = new Observatory(options);
  if (previous) void previous.close();
  return defaultInstance;
}

/** The default instance, created from the environment on first use. */
export function getDefaultObservatory(): Observatory {
  defaultInstance ??= new Observatory();
  return defaultInstance;
}

/** `recordCall` on the default instance. */
export function trackLlmCall(input: RecordCallInput): LLMCall | undefined {
  return getDefaultObservatory().recordCall(input);
}

/** `startSession` on the default instance. */
export function startTrackingSession(operationType: string, metadata?: Record<string, unknown>): Session {
  return getDefaultObservatory().startSession(operationType, metadata);
}

/** `endSession` on the default instance. */
export function endTrackingSession(session: Session | string, options?: EndSessionOptions): Promise<void> {
  return getDefaultObservatory().endSession(session, options);
}
