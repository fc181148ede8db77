import { compactFields } from '@observatory/core';
import type { AnthropicMessage } from './anthropic-types.js';
import { type AnthropicUsageFields, convertAnthropicUsage } from './convert-anthropic-usage.js';

/** What one Anthropic message says about the call, ready for `recordCall`. */
export interface AnthropicReading extends AnthropicUsageFields {
  modelName: string | undefined;
  responseText: string | undefined;
  finishReason: string | undefined;
  metadata: Record<string, unknown>;
}

/**
 * Read a `Message` from `messages.create`, `stream.finalMessage()` or the beta API.
 * Undefined for anything that is not one.
 */
export function readAnthropicMessage(value: unknown): AnthropicReading | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const message = value as AnthropicMessage;
  if (message.type !== 'message' && !(Array.isArray(message.content) && message.usage)) return undefined;
  const usage = message.usage;
  return {
    modelName: message.model,
    ...convertAnthropicUsage(usage),
    responseText: messageText(message),
    finishReason: message.stop_reason ?? undefined,
    metadata: compactFields({
      api: 'messages',
      messageId: message.id,
      requestId: (message as { _request_id?: unknown })._request_id,
      stopSequence: message.stop_sequence,
      serviceTier: usage?.service_tier,
      inferenceGeo: usage?.inference_geo,
      speed: usage?.speed,
      webSearchRequests: usage?.server_tool_use?.web_search_requests || undefined,
      webFetchRequests: usage?.server_tool_use?.web_fetch_requests || undefined,
    }),
  };
}

/** The text blocks joined as the SDK's `finalText()` does, then the tools it asked for, one per line. */
function messageText(message: AnthropicMessage): string | undefined {
  if (!Array.isArray(message.content)) return undefined;
  const texts: string[] = [];
  const toolUses: string[] = [];
  for (const block of message.content) {
    if (block?.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block?.type === 'tool_use' || block?.type === 'server_tool_use') {
      toolUses.push(`[tool_use ${block.name ?? ''}(${stringify(block.input)})]`);
    }
  }
  const lines = texts.length > 0 ? [texts.join(' '), ...toolUses] : toolUses;
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
