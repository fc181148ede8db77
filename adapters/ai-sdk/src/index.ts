/**
 * Record Vercel AI SDK (v5, v6, v7) calls with Observatory: per call through
 * `onFinish`, from a result where there is no `onFinish`, or for the whole process
 * through the SDK's telemetry integrations. Translates only: the user's call returns and
 * throws exactly as without it.
 *
 * @packageDocumentation
 */

export type { AiSdkTokenCounts } from './convert-ai-sdk-usage.js';
/** Normalise one AI SDK usage object (any major) to Observatory's token rule. */
export { convertAiSdkUsage } from './convert-ai-sdk-usage.js';
export type {
  ObservatoryTelemetry,
  ObservatoryTelemetryOptions,
  TelemetryEndEvent,
  TelemetryStartEvent,
} from './create-observatory-telemetry.js';
/** The integration `registerObservatoryTelemetry` registers, for one call's `integrations`. */
export { createObservatoryTelemetry } from './create-observatory-telemetry.js';
export type { PromptLike } from './format-prompt.js';
export type { ObservatoryOnFinish } from './observatory-on-finish.js';
/** Callbacks recording one call: `onFinish: observatoryOnFinish(obs, opts)`, or spread for ttft and failures. */
export { observatoryOnFinish } from './observatory-on-finish.js';
export type { RecordGenerateResultOptions } from './record-generate-result.js';
/** Record a result that had no `onFinish` (v5 `generateText`, v5/v6 `generateObject`). */
export { recordGenerateResult } from './record-generate-result.js';
export type { RegisterObservatoryTelemetryOptions } from './register-observatory-telemetry.js';
/** Record every v6/v7 `generateText` / `streamText` call of the process. */
export { registerObservatoryTelemetry } from './register-observatory-telemetry.js';
export type {
  AiSdkChunkEvent,
  AiSdkErrorEvent,
  AiSdkFinishEvent,
  AiSdkMessage,
  AiSdkModelInfo,
  AiSdkProviderMetadata,
  AiSdkRecordOptions,
  AiSdkStep,
  AiSdkUsage,
} from './types.js';
