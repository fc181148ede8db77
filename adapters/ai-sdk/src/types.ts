/**
 * The few fields of the AI SDK's events this adapter reads, declared locally so the
 * package does not depend on one major of `ai` at run time or in its types. Every field is
 * optional: v5, v6 and v7 each have a different subset (see the README's field table).
 */

/**
 * Token usage as the AI SDK reports it. v5 is flat (`cachedInputTokens`,
 * `reasoningTokens`); v6 and v7 add `inputTokenDetails` / `outputTokenDetails`.
 */
export interface AiSdkUsage {
  /** v5: what the provider called input (Anthropic: *without* cache tokens). v6/v7: total input. */
  readonly inputTokens?: number | null;
  /** Total output, reasoning included. */
  readonly outputTokens?: number | null;
  readonly totalTokens?: number | null;
  /** v5 (deprecated in v6, gone in v7): cache reads. */
  readonly cachedInputTokens?: number | null;
  /** v5 (deprecated in v6, gone in v7): reasoning tokens. */
  readonly reasoningTokens?: number | null;
  /** v6, v7: parts of `inputTokens`. */
  readonly inputTokenDetails?: {
    readonly noCacheTokens?: number | null;
    readonly cacheReadTokens?: number | null;
    readonly cacheWriteTokens?: number | null;
  } | null;
  /** v6, v7: parts of `outputTokens`. */
  readonly outputTokenDetails?: {
    readonly textTokens?: number | null;
    readonly reasoningTokens?: number | null;
  } | null;
}

/** `providerMetadata`: provider id → that provider's extra fields. */
export type AiSdkProviderMetadata = Readonly<Record<string, unknown>>;

/** The model as the AI SDK describes it (`model.provider` is e.g. `openai.chat`, `anthropic.messages`). */
export interface AiSdkModelInfo {
  readonly provider: string;
  readonly modelId: string;
}

/** One model call of a generation (a `StepResult`), or a whole single-call result. */
export interface AiSdkStep {
  /** v6, v7: the requested model. v5 steps carry no model. */
  readonly model?: AiSdkModelInfo;
  readonly usage?: AiSdkUsage;
  readonly providerMetadata?: AiSdkProviderMetadata;
  /** `modelId` is the model the provider says answered (e.g. `gpt-4o-2024-08-06`). */
  readonly response?: { readonly modelId?: string };
  readonly text?: string;
  readonly finishReason?: string;
  /** v7: timings measured by the SDK. */
  readonly performance?: { readonly timeToFirstOutputMs?: number };
}

/**
 * What `onFinish` receives, or what `generateText` / `generateObject` return: the last
 * step's fields plus `steps` (text calls) or `object` / `error` (object calls).
 */
export interface AiSdkFinishEvent extends AiSdkStep {
  readonly steps?: ReadonlyArray<AiSdkStep>;
  readonly object?: unknown;
  /** streamObject: set when the final object did not match the schema. */
  readonly error?: unknown;
}

/** What `streamText`'s `onChunk` receives. */
export interface AiSdkChunkEvent {
  readonly chunk: { readonly type: string };
}

/** What `streamText` / `streamObject`'s `onError` receives. */
export interface AiSdkErrorEvent {
  readonly error: unknown;
}

/** A prompt message as the AI SDK takes it (`ModelMessage`), reduced to what is stored. */
export interface AiSdkMessage {
  readonly role: string;
  readonly content: string | ReadonlyArray<{ readonly type: string; readonly text?: string }>;
}

/** How a recorded call is labelled and what of it is stored. */
export interface AiSdkRecordOptions {
  /** Stored as `agent_name`. */
  agentName?: string;
  /** Stored as `operation_name`. */
  operationName?: string;
  /** Attach the call to this session; default: the active `withSession`, else the implicit session. */
  sessionId?: string;
  /** Stored as `metadata`. */
  metadata?: Record<string, unknown>;
  /**
   * The prompt to store with the call: the `prompt` text or the `messages` you passed.
   * The finish event does not carry it, so it is stored only when given here.
   */
  prompt?: string | ReadonlyArray<AiSdkMessage>;
  /** Store `prompt`. Default true; the observatory's `capturePrompts: false` wins. */
  capturePrompt?: boolean;
  /** Store the generated text (or the object, as JSON). Default true; `capturePrompts: false` wins. */
  captureResponse?: boolean;
  /**
   * The model you passed to the call (the object, or a gateway id like `openai/gpt-4o`).
   * Needed for the provider where the event does not name the model: v5, and
   * `generateObject` / `streamObject`, and for failures reported through `onError`.
   */
  model?: AiSdkModelInfo | string;
}
