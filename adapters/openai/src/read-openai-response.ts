import { compactFields } from '@observatory/core';
import { convertOpenAIUsage, type OpenAIUsageFields } from './convert-openai-usage.js';
import type {
  OpenAIChatCompletion,
  OpenAIEmbeddingResponse,
  OpenAIResponse,
  OpenAIResponseEvent,
  OpenAIToolCall,
} from './openai-types.js';

/** What one OpenAI result says about the call, ready for `recordCall`. */
export interface OpenAIReading extends OpenAIUsageFields {
  /** Which request input to serialize as the prompt. */
  kind: 'chat' | 'embeddings';
  modelName: string | undefined;
  responseText: string | undefined;
  finishReason: string | undefined;
  /** The call's own failure, for a Responses API result with status 'failed'. */
  error: string | undefined;
  metadata: Record<string, unknown>;
}

/** Stream events that carry the final `Response`. */
const FINAL_RESPONSE_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Read a ChatCompletion, a chat stream chunk (the last one carries usage with
 * `stream_options.include_usage`), a legacy Completion, a Responses API `Response`, a
 * `response.completed` / `response.incomplete` / `response.failed` stream event, or an
 * embeddings response. Undefined for anything else.
 */
export function readOpenAIResponse(value: unknown): OpenAIReading | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const tagged = value as { object?: unknown; type?: unknown; choices?: unknown; data?: unknown };
  if (typeof tagged.type === 'string' && FINAL_RESPONSE_EVENTS.has(tagged.type)) {
    const response = (value as OpenAIResponseEvent).response;
    return response && typeof response === 'object' ? readResponse(response) : undefined;
  }
  if (tagged.object === 'response') return readResponse(value as OpenAIResponse);
  if (Array.isArray(tagged.choices)) return readChatCompletion(value as OpenAIChatCompletion);
  if (tagged.object === 'list' && Array.isArray(tagged.data)) return readEmbeddings(value as OpenAIEmbeddingResponse);
  return undefined;
}

function readChatCompletion(completion: OpenAIChatCompletion): OpenAIReading {
  const choice = completion.choices?.[0];
  return {
    kind: 'chat',
    modelName: completion.model,
    ...convertOpenAIUsage(completion.usage),
    responseText: choice ? choiceText(choice) : undefined,
    finishReason: choice?.finish_reason ?? undefined,
    error: undefined,
    metadata: compactFields({
      api: completion.object === 'text_completion' ? 'completions' : 'chat.completions',
      responseId: completion.id,
      requestId: requestIdOf(completion),
      serviceTier: completion.service_tier,
      systemFingerprint: completion.system_fingerprint,
    }),
  };
}

type Choice = NonNullable<OpenAIChatCompletion['choices']>[number];

/** Message text (or refusal) then the tool calls it asked for, one per line; a chunk's delta; a legacy completion's text. */
function choiceText(choice: Choice): string | undefined {
  const message = choice.message;
  if (message) {
    const text = message.content || message.refusal;
    const lines = typeof text === 'string' && text ? [text] : [];
    if (Array.isArray(message.tool_calls)) lines.push(...message.tool_calls.map(renderToolCall));
    return lines.length > 0 ? lines.join('\n') : typeof message.content === 'string' ? message.content : undefined;
  }
  if (typeof choice.delta?.content === 'string') return choice.delta.content;
  return typeof choice.text === 'string' ? choice.text : undefined;
}

function renderToolCall(call: OpenAIToolCall): string {
  const name = call?.function?.name ?? call?.custom?.name ?? call?.type ?? '';
  const args = call?.function?.arguments ?? call?.custom?.input ?? '';
  return `[tool_call ${name}(${args})]`;
}

function readResponse(response: OpenAIResponse): OpenAIReading {
  const failure = response.error;
  return {
    kind: 'chat',
    modelName: response.model,
    ...convertOpenAIUsage(response.usage),
    responseText: responseText(response),
    finishReason: response.status ?? undefined,
    error: failure ? [failure.code, failure.message].filter(Boolean).join(': ') || 'response failed' : undefined,
    metadata: compactFields({
      api: 'responses',
      responseId: response.id,
      requestId: requestIdOf(response),
      serviceTier: response.service_tier,
      incompleteReason: response.incomplete_details?.reason,
    }),
  };
}

/** `output_text` when the SDK added it, else the `output_text` parts of the output messages. */
function responseText(response: OpenAIResponse): string | undefined {
  if (typeof response.output_text === 'string' && response.output_text) return response.output_text;
  if (!Array.isArray(response.output)) return undefined;
  const texts: string[] = [];
  for (const item of response.output) {
    if (item?.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (part?.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
    }
  }
  return texts.length > 0 ? texts.join('') : undefined;
}

function readEmbeddings(response: OpenAIEmbeddingResponse): OpenAIReading {
  const first = response.data?.[0]?.embedding;
  return {
    kind: 'embeddings',
    modelName: response.model,
    ...convertOpenAIUsage(response.usage),
    responseText: undefined,
    finishReason: undefined,
    error: undefined,
    metadata: compactFields({
      api: 'embeddings',
      requestId: requestIdOf(response),
      embeddings: response.data?.length,
      // A base64 string (encoding_format 'base64' asked for explicitly) does not show its dimensions.
      dimensions: first != null && typeof first !== 'string' ? first.length : undefined,
    }),
  };
}

/** The SDK attaches the `x-request-id` header to returned objects as a non-enumerable `_request_id`. */
function requestIdOf(value: object): unknown {
  return (value as { _request_id?: unknown })._request_id;
}
