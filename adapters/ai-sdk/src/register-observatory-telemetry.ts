import { type Observatory, reportAdapterError } from '@observatory/core';
import {
  createObservatoryTelemetry,
  type ObservatoryTelemetry,
  type ObservatoryTelemetryOptions,
} from './create-observatory-telemetry.js';

/** Options of `registerObservatoryTelemetry`. */
export interface RegisterObservatoryTelemetryOptions extends ObservatoryTelemetryOptions {
  /**
   * The SDK's register function: v7 `registerTelemetry`, v6 `registerTelemetryIntegration`.
   * Default: append to `globalThis.AI_SDK_TELEMETRY_INTEGRATIONS`, the list both of them
   * append to (the same two lines in v6.0 and v7.0), so one call serves either major.
   */
  register?: (integration: ObservatoryTelemetry) => void;
}

/** Where v6 and v7 keep globally registered telemetry integrations. */
interface AiSdkGlobals {
  AI_SDK_TELEMETRY_INTEGRATIONS?: unknown[];
}

/**
 * Record every `generateText` / `streamText` call of the process (v6, v7; v7 also
 * `generateObject` / `streamObject` and failures through `onError`) without touching
 * each call. v5 has no global hook: use `observatoryOnFinish` there. Returns a function
 * that removes the integration again.
 *
 * Agent and session per call: v6 reads `agentName` / `sessionId` from the call's
 * `experimental_telemetry.metadata`; `functionId` becomes the operation name.
 *
 * @example
 * import { registerTelemetry } from 'ai'
 * registerObservatoryTelemetry(obs, { register: registerTelemetry, agentName: 'assistant' })
 */
export function registerObservatoryTelemetry(
  obs: Observatory,
  options: RegisterObservatoryTelemetryOptions = {},
): () => void {
  const { register, ...telemetryOptions } = options;
  const integration = createObservatoryTelemetry(obs, telemetryOptions);
  try {
    if (register) register(integration);
    else {
      const globals = globalThis as AiSdkGlobals;
      globals.AI_SDK_TELEMETRY_INTEGRATIONS ??= [];
      globals.AI_SDK_TELEMETRY_INTEGRATIONS.push(integration);
    }
  } catch (error) {
    reportAdapterError(obs, 'AI SDK registerObservatoryTelemetry', error);
  }
  return () => {
    const list = (globalThis as AiSdkGlobals).AI_SDK_TELEMETRY_INTEGRATIONS;
    const index = list ? list.indexOf(integration) : -1;
    if (list && index >= 0) list.splice(index, 1);
  };
}
