/**
 * The few fields of LangChain's callback payloads this adapter reads, declared locally so
 * the adapter depends on their shape, not on one @langchain/core release's classes. Every
 * field is optional: integrations fill in different subsets.
 */

/** `AIMessage.usage_metadata`. `input_tokens` is the total input, cache reads and writes included. */
export interface LangChainUsageMetadata {
  input_tokens?: number | null;
  output_tokens?: number | null;
  total_tokens?: number | null;
  input_token_details?: {
    cache_read?: number | null;
    cache_creation?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
  output_token_details?: { reasoning?: number | null } | null;
}

/** `llmOutput.tokenUsage` / `llmOutput.estimatedTokenUsage` (camelCase, no cache details). */
export interface LangChainTokenUsage {
  promptTokens?: number | null;
  completionTokens?: number | null;
  totalTokens?: number | null;
}

/** The message on a chat generation. */
export interface LangChainOutputMessage {
  usage_metadata?: LangChainUsageMetadata | null;
  response_metadata?: Record<string, unknown> | null;
  tool_calls?: unknown[] | null;
}

/** One generation of an `LLMResult`: `ChatGeneration`, `ChatGenerationChunk` or plain `Generation`. */
export interface LangChainGeneration {
  text?: string | null;
  generationInfo?: Record<string, unknown> | null;
  message?: LangChainOutputMessage | null;
}

/** `LLMResult`, as passed to `handleLLMEnd`. */
export interface LangChainLlmResult {
  generations?: LangChainGeneration[][] | null;
  llmOutput?: Record<string, unknown> | null;
}
