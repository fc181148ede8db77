/**
 * The few fields of the OpenAI SDK's shapes this adapter reads, declared locally so the
 * package has no runtime dependency on `openai` and works with any of its majors (4–7).
 * Every field is optional and nullable: the adapter is handed whatever the user has, and
 * must cope with partial or foreign objects without throwing.
 */

/** Chat Completions and Embeddings usage (`CompletionUsage`, `CreateEmbeddingResponse.Usage`). */
export interface OpenAIChatUsage {
  /** Total input tokens; already includes `prompt_tokens_details.cached_tokens`. */
  prompt_tokens?: number | null;
  /** Total output tokens; already includes `completion_tokens_details.reasoning_tokens`. */
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** Responses API usage (`ResponseUsage`). */
export interface OpenAIResponsesUsage {
  /** Total input tokens; already includes cached and cache-write tokens. */
  input_tokens?: number | null;
  /** Total output tokens; already includes reasoning tokens. */
  output_tokens?: number | null;
  total_tokens?: number | null;
  input_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null } | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** A chat tool call, on a response message or on an assistant message of a request. */
export interface OpenAIToolCall {
  type?: string;
  function?: { name?: string; arguments?: string } | null;
  custom?: { name?: string; input?: string } | null;
}

/** `ChatCompletion`, `ChatCompletionChunk` and the legacy `Completion`. */
export interface OpenAIChatCompletion {
  id?: string;
  object?: string;
  model?: string;
  choices?: Array<{
    finish_reason?: string | null;
    /** Legacy completions. */
    text?: string | null;
    message?: { content?: string | null; refusal?: string | null; tool_calls?: OpenAIToolCall[] | null } | null;
    delta?: { content?: string | null } | null;
  }>;
  usage?: OpenAIChatUsage | null;
  service_tier?: string | null;
  system_fingerprint?: string | null;
}

/** Responses API `Response`. */
export interface OpenAIResponse {
  id?: string;
  object?: string;
  model?: string;
  status?: string | null;
  /** Added by the SDK on non-streamed results; absent on streamed `response.completed` events. */
  output_text?: string | null;
  output?: Array<{ type?: string; content?: Array<{ type?: string; text?: string | null }> | null }> | null;
  error?: { code?: string | null; message?: string | null } | null;
  incomplete_details?: { reason?: string | null } | null;
  usage?: OpenAIResponsesUsage | null;
  service_tier?: string | null;
}

/** `response.completed`, `response.failed` or `response.incomplete` stream event. */
export interface OpenAIResponseEvent {
  type?: string;
  response?: OpenAIResponse | null;
}

/** `CreateEmbeddingResponse`. */
export interface OpenAIEmbeddingResponse {
  object?: string;
  model?: string;
  /** `embedding` is a number array, or a base64 string when `encoding_format: 'base64'` was asked for. */
  data?: Array<{ object?: string; embedding?: ArrayLike<number> | string | null }> | null;
  usage?: OpenAIChatUsage | null;
}

/** One message of a request: chat messages and Responses API input items. */
export interface OpenAIRequestMessage {
  type?: string;
  role?: string;
  content?: unknown;
  name?: string;
  tool_calls?: OpenAIToolCall[] | null;
  /** Responses API `function_call` items. */
  arguments?: string;
  /** Responses API `function_call_output` items. */
  output?: unknown;
}

/** The request params given to `create(...)`, as far as the adapter reads them. */
export interface OpenAIRequest {
  model?: string;
  /** Chat Completions. */
  messages?: OpenAIRequestMessage[] | null;
  /** Responses API (text or items) or Embeddings (text, texts or token ids). */
  input?: unknown;
  /** Responses API system prompt. */
  instructions?: string | null;
  /** Legacy completions. */
  prompt?: unknown;
}

/** `APIError` of every SDK major; v4 before 4.57 named the id `request_id`. */
export interface OpenAIAPIErrorLike {
  name?: string;
  message?: string;
  status?: number | null;
  code?: string | null;
  type?: string | null;
  param?: string | null;
  requestID?: string | null;
  request_id?: string | null;
  error?: { message?: unknown } | null;
}
