import { type Observatory, ObservatoryError, reportAdapterError } from '@observatory/core';
import { buildCallInput, type CallTiming } from './build-call-input.js';
import type { AiSdkChunkEvent, AiSdkErrorEvent, AiSdkFinishEvent, AiSdkRecordOptions, AiSdkStep } from './types.js';

/** Stream parts that carry model output; the first one marks the time to first token. */
const OUTPUT_CHUNK_TYPES = new Set([
  'text-delta',
  'reasoning-delta',
  'tool-input-start',
  'tool-input-delta',
  'tool-call',
]);

/**
 * An `onFinish` callback that records the call, carrying the other callbacks it can use
 * as properties, so it can be passed alone or spread into the call's options.
 */
export interface ObservatoryOnFinish {
  (event: AiSdkFinishEvent): void;
  /** The hook itself, so spreading the hook sets `onFinish`. */
  readonly onFinish: (event: AiSdkFinishEvent) => void;
  /** Notes the first output chunk, for the time to first token. */
  readonly onChunk: (event: AiSdkChunkEvent) => void;
  /** Records a call that failed (no `onFinish` follows a provider error). */
  readonly onError: (event: AiSdkErrorEvent) => void;
  /** Records an aborted stream with the usage of the steps that finished. */
  readonly onAbort: (event: { readonly steps?: ReadonlyArray<AiSdkStep> }) => void;
}

/**
 * Create the callbacks that record one AI SDK call. Create one per call, in the call's
 * options: latency is measured from when the hook is created.
 *
 * @example
 * // v5 streamText / streamObject; v6 and v7 generateText / streamText; v7 generateObject
 * const result = streamText({ model, prompt, onFinish: observatoryOnFinish(obs, { agentName: 'Writer' }) })
 * // also time to first token, failures and aborts: spread it
 * const result = streamText({ model, prompt, ...observatoryOnFinish(obs, { agentName: 'Writer', model }) })
 */
export function observatoryOnFinish(obs: Observatory, options: AiSdkRecordOptions = {}): ObservatoryOnFinish {
  const recorder = new CallRecorder(obs, options);
  // Bound methods, not closures: a hook is created per call, so its cost counts.
  const hook = recorder.finish.bind(recorder) as MutableHook;
  hook.onFinish = hook;
  hook.onChunk = recorder.chunk.bind(recorder);
  hook.onError = recorder.fail.bind(recorder);
  hook.onAbort = recorder.abort.bind(recorder);
  return hook;
}

type MutableHook = ((event: AiSdkFinishEvent) => void) & {
  -readonly [K in keyof ObservatoryOnFinish]: ObservatoryOnFinish[K];
};

/** The state of one call: when it started, its first output, whether it is recorded. */
class CallRecorder {
  private readonly startedAt = Date.now();
  private readonly started = performance.now();
  private firstOutputAt: number | undefined;
  // One row per call: a stream that failed midway calls onError, then onFinish; the
  // failure was recorded already, so the late onFinish is ignored.
  private state: 'open' | 'finished' | 'failed' = 'open';

  constructor(
    private readonly obs: Observatory,
    private readonly options: AiSdkRecordOptions,
  ) {}

  finish(event: AiSdkFinishEvent): void {
    try {
      if (this.state === 'failed') return;
      if (this.state === 'finished') {
        reportAdapterError(
          this.obs,
          'AI SDK onFinish',
          new ObservatoryError('AI SDK onFinish: one hook saw two calls; create one observatoryOnFinish per call'),
        );
      }
      this.state = 'finished';
      this.obs.recordCall(buildCallInput(event, this.options, this.timing(event)));
    } catch (error) {
      reportAdapterError(this.obs, 'AI SDK onFinish', error);
    }
  }

  chunk(event: AiSdkChunkEvent): void {
    try {
      if (this.firstOutputAt === undefined && OUTPUT_CHUNK_TYPES.has(event.chunk.type)) {
        this.firstOutputAt = performance.now();
      }
    } catch (error) {
      reportAdapterError(this.obs, 'AI SDK onChunk', error);
    }
  }

  fail(event: AiSdkErrorEvent): void {
    try {
      if (this.state !== 'open') return;
      this.state = 'failed';
      this.obs.recordCall(buildCallInput({ error: event.error, finishReason: 'error' }, this.options, this.timing()));
    } catch (error) {
      reportAdapterError(this.obs, 'AI SDK onError', error);
    }
  }

  abort(event: { readonly steps?: ReadonlyArray<AiSdkStep> }): void {
    try {
      if (this.state !== 'open') return;
      this.state = 'failed';
      const steps = event.steps ?? [];
      this.obs.recordCall(buildCallInput({ steps, error: 'aborted' }, this.options, this.timing({ steps })));
    } catch (error) {
      reportAdapterError(this.obs, 'AI SDK onAbort', error);
    }
  }

  private timing(event?: AiSdkFinishEvent): CallTiming {
    return {
      startedAt: this.startedAt,
      latencyMs: performance.now() - this.started,
      ttftMs:
        this.firstOutputAt !== undefined
          ? this.firstOutputAt - this.started
          : // v7 measures it itself when streaming; used when onChunk was not passed.
            event?.steps?.[0]?.performance?.timeToFirstOutputMs,
    };
  }
}
