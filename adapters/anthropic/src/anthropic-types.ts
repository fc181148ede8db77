/**
 * The few fields of the Anthropic SDK's shapes this adapter reads, declared locally so the
 * package has no runtime dependency on `@anthropic-ai/sdk`. Every field is optional and
 * nullable: the adapter is handed whatever the user has, and must cope with partial or
 * foreign objects without throwing.
 */

/** `Usage` of a `Message` (also the accumulated usage of `stream.finalMessage()`). */
export interface AnthropicUsage {
  /** Uncached input tokens only: cache reads and cache writes are counted separately. */
  input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  /** Cache writes split by lifetime; 1-hour writes are billed higher than 5-minute ones. */
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
  /** All output tokens, thinking included ("the inclusive, authoritative total used for billing"). */
  output_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
  server_tool_use?: { web_search_requests?: number | null; web_fetch_requests?: number | null } | null;
  service_tier?: string | null;
  inference_geo?: string | null;
  speed?: string | null;
}

/** One content block of a message (response or request). */
export interface AnthropicContentBlock {
  type?: string;
  text?: string | null;
  name?: string;
  input?: unknown;
  content?: unknown;
}

/** `Message` (and `ParsedMessage` from `stream.finalMessage()`, and beta messages). */
export interface AnthropicMessage {
  id?: string;
  type?: string;
  model?: string;
  content?: AnthropicContentBlock[] | null;
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage | null;
}

/** The request params given to `messages.create(...)` / `messages.stream(...)`, as far as the adapter reads them. */
export interface AnthropicRequest {
  model?: string;
  system?: string | AnthropicContentBlock[] | null;
  messages?: Array<{ role?: string; content?: string | AnthropicContentBlock[] | null }> | null;
}

/** `APIError`: 1.x exposes `type`, `errorCode` and `apiMessage`; older majors only the body in `error`. */
export interface AnthropicAPIErrorLike {
  name?: string;
  message?: string;
  status?: number | null;
  type?: string | null;
  errorCode?: string | null;
  apiMessage?: string | null;
  requestID?: string | null;
  /** The response body: `{ type: 'error', error: { type, message }, request_id }`. */
  error?: { error?: { type?: string | null; message?: string | null } | null } | null;
}
