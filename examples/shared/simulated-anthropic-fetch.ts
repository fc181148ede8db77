import {
  contentText,
  eventStreamReply,
  type FetchFunction,
  jsonReply,
  readJsonBody,
  requestUrl,
  stallUntilTimeout,
  vendorId,
} from './http-replies.js';
import {
  type ChatTurn,
  type SimulatedCompletion,
  type SimulatedProvider,
  SimulatedProviderError,
  type SimulatedRequest,
  SimulatedStallError,
} from './simulated-provider.js';
import { sleep } from './sleep.js';
import { splitForStreaming } from './split-for-streaming.js';

/**
 * A `fetch` for the real `@anthropic-ai/sdk` client that answers like api.anthropic.com
 * through a `SimulatedProvider`: Messages as JSON, or as the SSE event sequence
 * (`message_start` … `message_delta` … `message_stop`) when `stream` is set. Usage follows
 * Anthropic's rule: `input_tokens` excludes the cache reads and cache writes, which are
 * reported beside it, split by lifetime in `cache_creation` (a system block with
 * `cache_control.ttl: '1h'` writes 1-hour entries). With `thinking` enabled the answer
 * opens with a thinking block and `output_tokens_details.thinking_tokens` counts the
 * thinking within `output_tokens`. Errors thrown by the responder as
 * `SimulatedProviderError` become Anthropic error bodies with their status and a short
 * `retry-after-ms`; a stalled request is ended by the client's timeout.
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
      if (error instanceof SimulatedStallError) return stallUntilTimeout(input, init, provider.timeScale);
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
  const completion = await provider.complete({
    model,
    turns,
    tools,
    reasoning: thinkingOf(body.thinking),
    cacheTtl: systemCacheTtl(body.system),
  });
  const { text, toolCalls, thinking } = completion.reply;
  const id = vendorId('msg_01', 12);
  const stopReason = toolCalls.length > 0 ? 'tool_use' : 'end_turn';
  const signature = thinking ? vendorId('EqQBCkgIBxABGAIiQ', 48) : '';
  const content = [
    ...(thinking ? [{ type: 'thinking', thinking, signature }] : []),
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
        // Thinking is counted once the message is done, in message_delta.
        usage: { ...anthropicUsage(completion, 1), output_tokens_details: null },
      },
    });
    const pieces = [...splitForStreaming(thinking), ...splitForStreaming(text)];
    let index = 0;
    if (thinking) {
      yield event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      for (const piece of splitForStreaming(thinking)) {
        await sleep(completion.generationMs / pieces.length);
        yield event('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'thinking_delta', thinking: piece },
        });
      }
      yield event('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'signature_delta', signature },
      });
      yield event('content_block_stop', { type: 'content_block_stop', index });
      index++;
    }
    if (text) {
      yield event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      });
      for (const piece of splitForStreaming(text)) {
        await sleep(completion.generationMs / pieces.length);
        yield event('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'text_delta', text: piece },
        });
      }
      yield event('content_block_stop', { type: 'content_block_stop', index });
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
        output_tokens_details: outputTokensDetails(completion),
        server_tool_use: null,
      },
    });
    yield event('message_stop', { type: 'message_stop' });
  }
  return eventStreamReply(events(), headers);
}

/** Anthropic's usage: `input_tokens` is only the uncached part of the input. */
function anthropicUsage(completion: SimulatedCompletion, outputTokens: number) {
  const { usage } = completion;
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheWriteTokens - usage.cacheWrite1hTokens,
      ephemeral_1h_input_tokens: usage.cacheWrite1hTokens,
    },
    output_tokens: outputTokens,
    output_tokens_details: outputTokensDetails(completion),
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    speed: 'standard',
  };
}

/** Thinking tokens within `output_tokens`, when the request asked Claude to think. */
function outputTokensDetails({ usage, reply }: SimulatedCompletion) {
  return reply.thinking ? { thinking_tokens: usage.reasoningTokens } : null;
}

/** `thinking: { type: 'enabled', budget_tokens }` (or adaptive) as a reasoning request. */
function thinkingOf(thinking: unknown): SimulatedRequest['reasoning'] {
  const config = thinking as { type?: string; budget_tokens?: number } | undefined;
  if (config?.type === 'enabled') return { budgetTokens: config.budget_tokens };
  if (config?.type === 'adaptive') return { effort: 'medium' };
  return undefined;
}

/** The TTL of the system prompt's cache breakpoint: '1h' when a system block asks for it. */
function systemCacheTtl(system: unknown): '5m' | '1h' {
  if (!Array.isArray(system)) return '5m';
  const ttls = system.map((block: { cache_control?: { ttl?: string } }) => block?.cache_control?.ttl);
  return ttls.includes('1h') ? '1h' : '5m';
}
