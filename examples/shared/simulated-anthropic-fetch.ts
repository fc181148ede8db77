import {
  contentText,
  eventStreamReply,
  type FetchFunction,
  jsonReply,
  readJsonBody,
  requestUrl,
  vendorId,
} from './http-replies.js';
import {
  type ChatTurn,
  type SimulatedCompletion,
  type SimulatedProvider,
  SimulatedProviderError,
} from './simulated-provider.js';
import { sleep } from './sleep.js';
import { splitForStreaming } from './split-for-streaming.js';

/**
 * A `fetch` for the real `@anthropic-ai/sdk` client that answers like api.anthropic.com
 * through a `SimulatedProvider`: Messages as JSON, or as the SSE event sequence
 * (`message_start` … `message_delta` … `message_stop`) when `stream` is set. Usage follows
 * Anthropic's rule: `input_tokens` excludes the cache reads and cache writes, which are
 * reported beside it. Errors thrown by the responder as `SimulatedProviderError` become
 * Anthropic error bodies with their status and a short `retry-after-ms`.
 */
export function createSimulatedAnthropicFetch(provider: SimulatedProvider): FetchFunction {
  return async (input, init) => {
    const url = requestUrl(input);
    const body = await readJsonBody(input, init);
    const requestId = vendorId('req_01', 12);
    try {
      if (new URL(url).pathname.endsWith('/v1/messages')) return await messages(provider, body, requestId);
      return jsonReply({ type: 'error', error: { type: 'not_found_error', message: `Unknown path ${url}` } }, 404);
    } catch (error) {
      if (!(error instanceof SimulatedProviderError)) throw error;
      return jsonReply(
        { type: 'error', error: { type: error.code, message: error.detail }, request_id: requestId },
        error.status,
        { 'request-id': requestId, 'retry-after-ms': '10' },
      );
    }
  };
}

async function messages(provider: SimulatedProvider, body: Record<string, unknown>, requestId: string) {
  const model = String(body.model);
  const turns: ChatTurn[] = [];
  if (body.system !== undefined) turns.push({ role: 'system', text: contentText(body.system) });
  for (const message of (body.messages ?? []) as Array<{ role: string; content: unknown }>) {
    turns.push({ role: message.role === 'assistant' ? 'assistant' : 'user', text: contentText(message.content) });
  }
  const tools = ((body.tools ?? []) as Array<{ name: string }>).map((tool) => tool.name);
  const completion = await provider.complete({ model, turns, tools });
  const { text, toolCalls } = completion.reply;
  const id = vendorId('msg_01', 12);
  const stopReason = toolCalls.length > 0 ? 'tool_use' : 'end_turn';
  const content = [
    ...(text ? [{ type: 'text', text }] : []),
    ...toolCalls.map((call) => ({ type: 'tool_use', id: `toolu_${call.id}`, name: call.name, input: call.input })),
  ];
  const headers = { 'request-id': requestId };

  if (body.stream !== true) {
    await sleep(completion.timeToFirstTokenMs + completion.generationMs);
    return jsonReply(
      {
        id,
        type: 'message',
        role: 'assistant',
        model: completion.responseModel,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: anthropicUsage(completion, completion.usage.outputTokens),
      },
      200,
      headers,
    );
  }

  const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  async function* events(): AsyncGenerator<string> {
    await sleep(completion.timeToFirstTokenMs);
    yield event('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: completion.responseModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: anthropicUsage(completion, 1),
      },
    });
    if (text) {
      yield event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      });
      const pieces = splitForStreaming(text);
      for (const piece of pieces) {
        await sleep(completion.generationMs / pieces.length);
        yield event('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: piece },
        });
      }
      yield event('content_block_stop', { type: 'content_block_stop', index: 0 });
    }
    // Counts in message_delta are cumulative: the SDK replaces, never adds.
    const { usage } = completion;
    yield event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: {
        input_tokens: usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens,
        cache_creation_input_tokens: usage.cacheWriteTokens,
        cache_read_input_tokens: usage.cachedInputTokens,
        output_tokens: usage.outputTokens,
      },
    });
    yield event('message_stop', { type: 'message_stop' });
  }
  return eventStreamReply(events(), headers);
}

/** Anthropic's usage: `input_tokens` is only the uncached part of the input. */
function anthropicUsage({ usage }: SimulatedCompletion, outputTokens: number) {
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}
