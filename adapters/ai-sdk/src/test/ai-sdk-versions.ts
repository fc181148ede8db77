import * as ai5 from 'ai5';
import { MockLanguageModelV2 } from 'ai5/test';
import * as ai6 from 'ai6';
import { MockLanguageModelV3 } from 'ai6/test';
import * as ai7 from 'ai7';
import { MockLanguageModelV4 } from 'ai7/test';
import type { ObservatoryTelemetry } from '../create-observatory-telemetry.js';
import type { AiSdkFinishEvent, AiSdkModelInfo, AiSdkStep, AiSdkUsage } from '../types.js';
import type { Spec } from './provider-results.js';

/**
 * Call options as the shared tests write them. The three majors type their options
 * differently; what really differs between them is named in `AiSdkVersion` instead.
 */
export type CallOptions = Record<string, unknown>;

/** What a `generateText` result of any major has that the tests read; `recordGenerateResult` takes it. */
export interface TextResult extends AiSdkFinishEvent {
  readonly text: string;
  /** v5/v6: the last step's usage; v7: the total (see `usageIsTotal`). */
  readonly usage: AiSdkUsage;
  readonly totalUsage: AiSdkUsage;
  readonly finishReason: string;
  readonly steps: ReadonlyArray<AiSdkStep>;
}

/** What a `streamText` result of any major has that the tests read. */
export interface TextStream {
  readonly text: PromiseLike<string>;
  readonly usage: PromiseLike<AiSdkUsage>;
  readonly finishReason: PromiseLike<string>;
  readonly steps: PromiseLike<ReadonlyArray<unknown>>;
  readonly response: PromiseLike<{ readonly modelId: string }>;
  consumeStream(): PromiseLike<void>;
}

/** The functions of one major of `ai` that the tests and the accuracy bench call. */
export interface AiFunctions {
  generateText(options: CallOptions): Promise<TextResult>;
  streamText(options: CallOptions): TextStream;
  generateObject(options: CallOptions): Promise<AiSdkFinishEvent & { readonly object: unknown }>;
  streamObject(options: CallOptions): {
    readonly partialObjectStream: AsyncIterable<unknown>;
    readonly object: PromiseLike<unknown>;
  };
  simulateReadableStream(options: { chunks: unknown[]; initialDelayInMs?: number; chunkDelayInMs?: number }): unknown;
  stepCountIs(count: number): unknown;
  tool(definition: CallOptions): unknown;
  jsonSchema(schema: CallOptions): unknown;
}

/** What `MockLanguageModelV2/V3/V4` take: a model spec's results, or functions returning them. */
export interface MockModelOptions {
  provider?: string;
  modelId?: string;
  doGenerate?: unknown;
  doStream?: unknown;
}

/** How one major's telemetry integrations (v6 and v7 only) differ. */
export interface AiSdkTelemetryVersion {
  /** The SDK's own registration: `registerTelemetryIntegration` (v6), `registerTelemetry` (v7). */
  register: (integration: ObservatoryTelemetry) => void;
  /** The call option that carries telemetry settings. */
  option: 'experimental_telemetry' | 'telemetry';
  /** v7 tells integrations about failures (`onError`); v6 integrations never hear of them. */
  reportsFailures: boolean;
  /** v7 dispatches `generateObject` / `streamObject` to integrations; v6 does not. */
  recordsObjectCalls: boolean;
  /** v6 telemetry settings carry `metadata` (agent, session, labels); v7's have none. */
  hasCallMetadata: boolean;
  /** v7 leaves a call with `isEnabled: false` out; v6 still calls global integrations, and its events do not say. */
  honoursIsEnabled: boolean;
  /** A bare `prompt` as the start event carries it: v6 the string, v7 as messages. */
  storedPrompt(prompt: string): string;
}

/** One major of `ai`, and what differs in it, for tests that run the same behaviour on each. */
export interface AiSdkVersion {
  name: 'ai@5' | 'ai@6' | 'ai@7';
  /** The spec of its language models, for `provider-results.ts`. */
  spec: Spec;
  ai: AiFunctions;
  /** Its `MockLanguageModelV2` / `V3` / `V4`. */
  MockModel: new (
    options: MockModelOptions,
  ) => AiSdkModelInfo;
  /** The `generateText` option called at the end: none in v5, `onFinish` in v6, `onEnd` in v7. */
  generateTextEnd: 'onFinish' | 'onEnd' | undefined;
  /** The `generateObject` option called at the end: only v7 has one. */
  generateObjectEnd: 'onFinish' | undefined;
  /** The option for system instructions: `system` (v5, v6), `instructions` (v7). */
  instructionsOption: 'system' | 'instructions';
  /** v6 and v7 steps name their model; v5 steps do not, so the hook needs the `model` option. */
  stepsNameTheModel: boolean;
  /** v7 measures the time to first output itself; v5 and v6 only through `onChunk`. */
  measuresTimeToFirstOutput: boolean;
  /** v7's `usage` of a multi-step call is the total; v5 and v6 give the last step's. */
  usageIsTotal: boolean;
  /**
   * `usage.inputTokens` of an Anthropic answer with cache reads and writes: v5 keeps
   * Anthropic's own `input_tokens` (without cache tokens), v6 and v7 give the total.
   */
  anthropicInputIsTotal: boolean;
  /** Whether the usage has Anthropic's thinking tokens: v5's `@ai-sdk/anthropic` mapping does not. */
  anthropicReportsReasoning: boolean;
  telemetry: AiSdkTelemetryVersion | undefined;
}

/**
 * `ai` 5, 6 and 7, installed side by side as `ai5`, `ai6`, `ai7`. ai@7 declares engines
 * node >= 22; the tests run it on the workspace's Node 20.
 */
export const aiSdkVersions: readonly AiSdkVersion[] = [
  {
    name: 'ai@5',
    spec: 'v2',
    ai: ai5 as unknown as AiFunctions,
    MockModel: MockLanguageModelV2 as unknown as AiSdkVersion['MockModel'],
    generateTextEnd: undefined,
    generateObjectEnd: undefined,
    instructionsOption: 'system',
    stepsNameTheModel: false,
    measuresTimeToFirstOutput: false,
    usageIsTotal: false,
    anthropicInputIsTotal: false,
    anthropicReportsReasoning: false,
    telemetry: undefined,
  },
  {
    name: 'ai@6',
    spec: 'v3',
    ai: ai6 as unknown as AiFunctions,
    MockModel: MockLanguageModelV3 as unknown as AiSdkVersion['MockModel'],
    generateTextEnd: 'onFinish',
    generateObjectEnd: undefined,
    instructionsOption: 'system',
    stepsNameTheModel: true,
    measuresTimeToFirstOutput: false,
    usageIsTotal: false,
    anthropicInputIsTotal: true,
    anthropicReportsReasoning: true,
    telemetry: {
      register: ai6.registerTelemetryIntegration as unknown as AiSdkTelemetryVersion['register'],
      option: 'experimental_telemetry',
      reportsFailures: false,
      recordsObjectCalls: false,
      hasCallMetadata: true,
      honoursIsEnabled: false,
      storedPrompt: (prompt) => prompt,
    },
  },
  {
    name: 'ai@7',
    spec: 'v4',
    ai: ai7 as unknown as AiFunctions,
    MockModel: MockLanguageModelV4 as unknown as AiSdkVersion['MockModel'],
    generateTextEnd: 'onEnd',
    generateObjectEnd: 'onFinish',
    instructionsOption: 'instructions',
    stepsNameTheModel: true,
    measuresTimeToFirstOutput: true,
    usageIsTotal: true,
    anthropicInputIsTotal: true,
    anthropicReportsReasoning: true,
    telemetry: {
      register: ai7.registerTelemetry as unknown as AiSdkTelemetryVersion['register'],
      option: 'telemetry',
      reportsFailures: true,
      recordsObjectCalls: true,
      hasCallMetadata: false,
      honoursIsEnabled: true,
      storedPrompt: (prompt) => `user: ${prompt}`,
    },
  },
];
