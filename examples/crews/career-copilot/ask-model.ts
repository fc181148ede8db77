import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { type RouteTarget, THINKING_BUDGET_TOKENS } from './model-router.js';

/** The copilot's two SDK clients. */
export interface CopilotClients {
  openai: OpenAI;
  anthropic: Anthropic;
}

/** How to ask: streamed or not, with thinking, and how long the system prompt stays cached. */
export interface AskOptions {
  /** Stream the answer to the user (records the time to first token). */
  stream: boolean;
  /** Claude thinks before answering (extended thinking). */
  thinking: boolean;
  /** Anthropic cache lifetime of the system prompt. */
  cacheTtl: '5m' | '1h';
  /** Milliseconds before the SDK gives up on the request. */
  timeoutMs: number;
}

/** A request to either vendor, as the SDK is given it (and the adapters serialize it). */
export type ModelRequest =
  | { vendor: 'openai'; params: OpenAI.ChatCompletionCreateParamsNonStreaming }
  | { vendor: 'anthropic'; params: Anthropic.MessageCreateParamsNonStreaming };

/** An answer from either vendor, with what is needed to record it. */
export interface ModelAnswer {
  text: string;
  request: ModelRequest;
  /** The ChatCompletion, the last stream chunk (the one with usage), or the Message. */
  response: OpenAI.ChatCompletion | OpenAI.ChatCompletionChunk | Anthropic.Message;
  latencyMs: number;
  /** Time to the first streamed token (text or thinking); undefined when not streamed. */
  ttftMs?: number;
  /** Read from the stream, whose last chunk (usage only) has none. */
  finishReason?: string;
}

/**
 * The request for `target`: Claude gets the system prompt as a cached block (with the given
 * lifetime) and, when thinking, a thinking budget; OpenAI's reasoning models get the system
 * prompt as a developer message and a reasoning effort.
 */
export function buildRequest(target: RouteTarget, system: string, text: string, options: AskOptions): ModelRequest {
  if (target.vendor === 'anthropic') {
    return {
      vendor: 'anthropic',
      params: {
        model: target.model,
        max_tokens: options.thinking ? THINKING_BUDGET_TOKENS * 2 : 1024,
        ...(options.thinking ? { thinking: { type: 'enabled', budget_tokens: THINKING_BUDGET_TOKENS } } : {}),
        system: [
          {
            type: 'text',
            text: system,
            cache_control: { type: 'ephemeral', ...(options.cacheTtl === '1h' ? { ttl: '1h' } : {}) },
          },
        ],
        messages: [{ role: 'user', content: text }],
      },
    };
  }
  const reasoning = /^(o\d|gpt-5)/.test(target.model);
  return {
    vendor: 'openai',
    params: {
      model: target.model,
      ...(reasoning ? { reasoning_effort: 'medium' as const } : {}),
      messages: [
        { role: reasoning ? 'developer' : 'system', content: system },
        { role: 'user', content: text },
      ],
    },
  };
}

/** Send `request` through its vendor's SDK, streamed or not, and measure it. */
export async function askModel(
  clients: CopilotClients,
  request: ModelRequest,
  options: AskOptions,
): Promise<ModelAnswer> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const requestOptions = { timeout: options.timeoutMs };
  if (request.vendor === 'anthropic') {
    if (!options.stream) {
      const message = await clients.anthropic.messages.create(request.params, requestOptions);
      return { text: messageText(message), request, response: message, latencyMs: elapsed() };
    }
    let ttftMs: number | undefined;
    const stream = clients.anthropic.messages.stream(request.params, requestOptions);
    stream.on('streamEvent', (event) => {
      if (ttftMs === undefined && event.type === 'content_block_delta') ttftMs = elapsed();
    });
    const message = await stream.finalMessage();
    return { text: messageText(message), request, response: message, latencyMs: elapsed(), ttftMs };
  }
  if (!options.stream) {
    const completion = await clients.openai.chat.completions.create(request.params, requestOptions);
    const text = completion.choices[0]?.message.content ?? '';
    return { text, request, response: completion, latencyMs: elapsed() };
  }
  // The usage of a stream comes in one last chunk, sent only when asked for.
  const stream = await clients.openai.chat.completions.create(
    { ...request.params, stream: true, stream_options: { include_usage: true } },
    requestOptions,
  );
  let text = '';
  let ttftMs: number | undefined;
  let finishReason: string | undefined;
  let last: OpenAI.ChatCompletionChunk | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta?.content) {
      ttftMs ??= elapsed();
      text += choice.delta.content;
    }
    finishReason = choice?.finish_reason ?? finishReason;
    last = chunk;
  }
  if (!last) throw new Error(`${request.params.model}: the stream ended without a chunk`);
  return { text, request, response: last, latencyMs: elapsed(), ttftMs, finishReason };
}

/** The text blocks of a message, as `finalText()` joins them; thinking blocks are not the answer. */
function messageText(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}
