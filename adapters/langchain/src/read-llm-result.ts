import type { LangChainGeneration, LangChainLlmResult, LangChainUsageMetadata } from './langchain-shapes.js';

/** What the adapter needs from an `LLMResult`. */
export interface LlmResultSummary {
  /** Text of the generations of the run's prompt, joined by newlines. */
  responseText: string;
  /** The first generation's message `usage_metadata` that carries any. */
  usageMetadata: LangChainUsageMetadata | undefined;
  /** The first generation's `message.response_metadata` (model name, provider, finish reason). */
  responseMetadata: Record<string, unknown> | undefined;
  finishReason: string | undefined;
  /** Tool calls the model asked for, as JSON (counted when usage has to be estimated). */
  toolCallsJson: string;
  llmOutput: Record<string, unknown> | undefined;
}

/**
 * Summarise `handleLLMEnd`'s output. Each run has one prompt (LangChain starts one run per
 * prompt of a batch), so `generations[0]` holds its one or more completions. Usage is read
 * from the first message that has any: integrations attach the request's usage once, and
 * adding it up over several completions would double-count it.
 */
export function readLlmResult(output: LangChainLlmResult | null | undefined): LlmResultSummary {
  const generations: LangChainGeneration[] = output?.generations?.[0] ?? [];
  const first = generations[0];
  const responseMetadata = first?.message?.response_metadata ?? undefined;
  let usageMetadata: LangChainUsageMetadata | undefined;
  const texts: string[] = [];
  const toolCalls: unknown[] = [];
  for (const generation of generations) {
    texts.push(generation.text ?? '');
    usageMetadata ??= generation.message?.usage_metadata ?? undefined;
    if (generation.message?.tool_calls?.length) toolCalls.push(...generation.message.tool_calls);
  }
  return {
    responseText: texts.join('\n'),
    usageMetadata,
    responseMetadata,
    finishReason: readFinishReason(first, responseMetadata),
    toolCallsJson: toolCalls.length ? JSON.stringify(toolCalls) : '',
    llmOutput: output?.llmOutput ?? undefined,
  };
}

/**
 * OpenAI puts `finish_reason` in generationInfo and response_metadata; Anthropic says
 * `stop_reason`; a Responses API result (`object: 'response'`) has only its `status`
 * (`completed`, `incomplete`), which the openai adapter records too.
 */
function readFinishReason(
  generation: LangChainGeneration | undefined,
  responseMetadata: Record<string, unknown> | undefined,
): string | undefined {
  const candidates = [
    generation?.generationInfo?.finish_reason,
    responseMetadata?.finish_reason,
    responseMetadata?.stop_reason,
    generation?.generationInfo?.stop_reason,
    responseMetadata?.object === 'response' ? responseMetadata.status : undefined,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate) return candidate.slice(0, 64);
  }
  return undefined;
}
