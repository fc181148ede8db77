/**
 * Turn a real provider response (a trimmed fixture) into what the AI SDK's provider
 * packages hand to `ai` for each model spec: V2 (ai 5), V3 (ai 6), V4 (ai 7). The
 * mappings are the ones `@ai-sdk/openai` 2.x/3.x/4.x and `@ai-sdk/anthropic` 2.x/3.x/4.x
 * apply (see INTEGRATION_FACTS §3.4), so the mock models report usage the way real
 * providers do, including v5 Anthropic's `inputTokens` without cache tokens.
 */

/** The language model spec: v2 (ai 5), v3 (ai 6), v4 (ai 7). */
export type Spec = 'v2' | 'v3' | 'v4';

/** One model turn, independent of the spec. */
export interface ProviderTurn {
  responseId: string;
  modelId: string;
  text?: string;
  reasoning?: string;
  toolCall?: { toolCallId: string; toolName: string; input: string };
  finishReason: 'stop' | 'tool-calls';
  rawFinishReason: string;
  usage: unknown;
  providerMetadata?: Record<string, Record<string, unknown>>;
}

interface OpenAIChatCompletion {
  id: string;
  model: string;
  choices: Array<{
    message: {
      content: string | null;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    };
    finish_reason: string;
  }>;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
    completion_tokens_details?: { reasoning_tokens?: number };
  };
}

interface AnthropicMessage {
  id: string;
  model: string;
  content: Array<
    | { type: 'text'; text: string }
    | { type: 'thinking'; thinking: string }
    | { type: 'tool_use'; id: string; name: string; input: unknown }
  >;
  stop_reason: string;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens?: number | null;
    cache_read_input_tokens?: number | null;
    cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null;
    output_tokens_details?: { thinking_tokens?: number } | null;
  };
}

/** A Chat Completions response as `@ai-sdk/openai` of the spec maps it (usage, text, tool call, finish reason). */
export function fromOpenAIChat(spec: Spec, completion: OpenAIChatCompletion): ProviderTurn {
  const choice = completion.choices[0];
  const call = choice.message.tool_calls?.[0];
  const raw = completion.usage;
  const cached = raw.prompt_tokens_details?.cached_tokens;
  const cacheWrite = raw.prompt_tokens_details?.cache_write_tokens;
  const reasoning = raw.completion_tokens_details?.reasoning_tokens;
  const usage =
    spec === 'v2'
      ? {
          inputTokens: raw.prompt_tokens,
          outputTokens: raw.completion_tokens,
          totalTokens: raw.total_tokens,
          reasoningTokens: reasoning,
          cachedInputTokens: cached,
        }
      : {
          inputTokens: {
            total: raw.prompt_tokens,
            noCache: raw.prompt_tokens - (cached ?? 0) - (cacheWrite ?? 0),
            cacheRead: cached,
            cacheWrite,
          },
          outputTokens: { total: raw.completion_tokens, text: raw.completion_tokens - (reasoning ?? 0), reasoning },
          raw,
        };
  return {
    responseId: completion.id,
    modelId: completion.model,
    text: choice.message.content ?? undefined,
    toolCall: call && { toolCallId: call.id, toolName: call.function.name, input: call.function.arguments },
    finishReason: choice.finish_reason === 'tool_calls' ? 'tool-calls' : 'stop',
    rawFinishReason: choice.finish_reason,
    usage,
    providerMetadata: { openai: { acceptedPredictionTokens: 0, rejectedPredictionTokens: 0 } },
  };
}

/**
 * A Messages API response as `@ai-sdk/anthropic` of the spec maps it; in v2 (ai 5) its
 * `inputTokens` is Anthropic's own, without cache reads and writes.
 */
export function fromAnthropicMessage(spec: Spec, message: AnthropicMessage): ProviderTurn {
  const raw = message.usage;
  const cacheRead = raw.cache_read_input_tokens ?? undefined;
  const cacheWrite = raw.cache_creation_input_tokens ?? undefined;
  const thinking = raw.output_tokens_details?.thinking_tokens;
  const usage =
    spec === 'v2'
      ? {
          // @ai-sdk/anthropic 2.x: input_tokens as is (no cache tokens), cache reads beside it,
          // cache writes only in providerMetadata.
          inputTokens: raw.input_tokens,
          outputTokens: raw.output_tokens,
          totalTokens: raw.input_tokens + raw.output_tokens,
          cachedInputTokens: cacheRead,
        }
      : {
          inputTokens: {
            total: raw.input_tokens + (cacheRead ?? 0) + (cacheWrite ?? 0),
            noCache: raw.input_tokens,
            cacheRead,
            cacheWrite,
          },
          outputTokens: {
            total: raw.output_tokens,
            text: thinking === undefined ? undefined : raw.output_tokens - thinking,
            reasoning: thinking,
          },
          raw,
        };
  const anthropic: Record<string, unknown> = { usage: raw, stopSequence: null };
  // v4 (ai 7) dropped the top-level cacheCreationInputTokens.
  if (spec !== 'v4') anthropic.cacheCreationInputTokens = raw.cache_creation_input_tokens ?? null;
  let text: string | undefined;
  let reasoning: string | undefined;
  let toolCall: ProviderTurn['toolCall'];
  for (const block of message.content) {
    if (block.type === 'text') text = (text ?? '') + block.text;
    else if (block.type === 'thinking') reasoning = block.thinking;
    else toolCall = { toolCallId: block.id, toolName: block.name, input: JSON.stringify(block.input) };
  }
  return {
    responseId: message.id,
    modelId: message.model,
    text,
    reasoning,
    toolCall,
    finishReason: message.stop_reason === 'tool_use' ? 'tool-calls' : 'stop',
    rawFinishReason: message.stop_reason,
    usage,
    providerMetadata: { anthropic },
  };
}

function finishReasonOf(spec: Spec, turn: ProviderTurn): unknown {
  return spec === 'v2' ? turn.finishReason : { unified: turn.finishReason, raw: turn.rawFinishReason };
}

/** A `doGenerate` result of the spec. */
export function generateResult(spec: Spec, turn: ProviderTurn) {
  const content: unknown[] = [];
  if (turn.reasoning) content.push({ type: 'reasoning', text: turn.reasoning });
  if (turn.text) content.push({ type: 'text', text: turn.text });
  if (turn.toolCall) content.push({ type: 'tool-call', ...turn.toolCall });
  return {
    content,
    finishReason: finishReasonOf(spec, turn),
    usage: turn.usage,
    providerMetadata: turn.providerMetadata,
    response: { id: turn.responseId, modelId: turn.modelId, timestamp: new Date('2026-11-20T10:00:00Z') },
    warnings: [],
    // The mock result types differ per spec; each test casts to its own model's type.
  } as never;
}

/** The stream parts of a `doStream` result of the spec, in the order providers emit them. */
export function streamParts(spec: Spec, turn: ProviderTurn): unknown[] {
  const parts: unknown[] = [
    { type: 'stream-start', warnings: [] },
    {
      type: 'response-metadata',
      id: turn.responseId,
      modelId: turn.modelId,
      timestamp: new Date('2026-11-20T10:00:00Z'),
    },
  ];
  if (turn.reasoning) {
    parts.push(
      { type: 'reasoning-start', id: 'r0' },
      { type: 'reasoning-delta', id: 'r0', delta: turn.reasoning },
      { type: 'reasoning-end', id: 'r0' },
    );
  }
  if (turn.text) {
    const words = turn.text.split(/(?<= )/);
    parts.push({ type: 'text-start', id: 't0' });
    for (const word of words) parts.push({ type: 'text-delta', id: 't0', delta: word });
    parts.push({ type: 'text-end', id: 't0' });
  }
  if (turn.toolCall) {
    const { toolCallId, toolName, input } = turn.toolCall;
    parts.push(
      { type: 'tool-input-start', id: toolCallId, toolName },
      { type: 'tool-input-delta', id: toolCallId, delta: input },
      { type: 'tool-input-end', id: toolCallId },
      { type: 'tool-call', toolCallId, toolName, input },
    );
  }
  parts.push({
    type: 'finish',
    finishReason: finishReasonOf(spec, turn),
    usage: turn.usage,
    providerMetadata: turn.providerMetadata,
  });
  return parts;
}
