import { type LLMCall, type Observatory, reportAdapterError } from '@observatory/core';
import { buildCallInput } from './build-call-input.js';
import type { AiSdkFinishEvent, AiSdkRecordOptions } from './types.js';

/** Options of `recordGenerateResult`: the labels, plus how long the call took. */
export interface RecordGenerateResultOptions extends AiSdkRecordOptions {
  /** How long the call took. */
  latencyMs?: number;
  /** When the call started (a Date or epoch milliseconds); the latency is measured from it when `latencyMs` is absent. */
  startedAt?: Date | number;
}

/**
 * Record a finished call from its result, for calls with no `onFinish`: v5 `generateText`
 * and `generateObject`, v6 `generateObject`. Returns the recorded call, or undefined when
 * nothing was recorded (the reason went to the observatory's `onError`).
 *
 * @example
 * const startedAt = Date.now()
 * const result = await generateText({ model, prompt })
 * recordGenerateResult(obs, result, { agentName: 'Planner', model, startedAt })
 */
export function recordGenerateResult(
  obs: Observatory,
  result: AiSdkFinishEvent,
  options: RecordGenerateResultOptions = {},
): LLMCall | undefined {
  try {
    const now = Date.now();
    const startedAt = options.startedAt instanceof Date ? options.startedAt.getTime() : options.startedAt;
    const latencyMs = options.latencyMs ?? (startedAt !== undefined ? now - startedAt : undefined);
    return obs.recordCall(
      buildCallInput(result, options, { startedAt: startedAt ?? now - (latencyMs ?? 0), latencyMs }),
    );
  } catch (error) {
    reportAdapterError(obs, 'AI SDK recordGenerateResult', error);
    return undefined;
  }
}
