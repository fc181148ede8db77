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
  type ReasoningRequest,
  type SimulatedCompletion,
  type SimulatedProvider,
  SimulatedProviderError,
  SimulatedStallError,
} from './simulated-provider.js';
import { sleep } from './sleep.js';
import { splitForStreaming } from './split-for-streaming.js';

interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: Array<{ function: { name: string; arguments: string } }>;
}

interface ResponsesInputItem {
  role?: string;
  content?: unknown;
  type?: string;
  output?: string;
}

/**
 * A `fetch` for the real `openai` client that answers like api.openai.com through a
 * `SimulatedProvider`: Chat Completions (JSON, or SSE chunks with the usage chunk last when
 * `stream_options.include_usage` is set) and the Responses API (JSON). Reasoning models
 * (o-series, gpt-5) think at the request's `reasoning_effort` and report it in
 * `completion_tokens_details.reasoning_tokens`. Errors thrown by the responder as
 * `SimulatedProviderError` become OpenAI error bodies with their status, and a
 * `retry-after-ms` header so the SDK's own retries stay quick; a stalled request is ended
 * by the client's timeout.
 */
export function createSimulatedOpenAIFetch(provider: SimulatedProvider): FetchFunction {
  return async (input, init) => {
    const url = requestUrl(input);
    const body = await readJsonBody(input, init);
    const requestId = vendorId('req_', 16);
    try {
      if (url.endsWith('/chat/completions')) return await chatCompletion(provider, body, requestId);
      if (url.endsWith('/responses')) return await response(provider, body, requestId);
      return jsonReply({ error: { message: `Unknown path ${url}`, type: 'invalid_request_error' } }, 404);
    } catch (error) {
      if (error instanceof SimulatedStallError) return stallUntilTimeout(input, init, provider.timeScale);
      if (!(error instanceof SimulatedProviderError)) throw error;
      return jsonReply(
        {
          error: { message: error.detail, type: error.type ?? errorType(error.status), param: null, code: error.code },
        },
        error.status,
        { 'x-request-id': requestId, 'retry-after-ms': '10' },
      );
    }
  };
}

async function chatCompletion(
  provider: SimulatedProvider,
  body: Record<string, unknown>,
  requestId: string,
): Promise<Response> {
  const model = String(body.model);
  const messages = (body.messages ?? []) as ChatMessage[];
  const tools = ((body.tools ?? []) as Array<{ function?: { name: string } }>).map((t) => t.function?.name ?? 'tool');
  const completion = await provider.complete({
    model,
    turns: messages.map(chatTurn),
    tools,
    reasoning: reasoningOf(model, body.reasoning_effort),
  });
  const id = vendorId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const fingerprint = 'fp_7fcd609668';
  const headers = { 'x-request-id': requestId };
  const { text, toolCalls } = completion.reply;
  const finishReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  const toolCallsJson = toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.input) },
  }));

  if (body.stream !== true) {
    await sleep(completion.timeToFirstTokenMs + completion.generationMs);
    return jsonReply(
      {
        id,
        object: 'chat.completion',
        created,
        model: completion.responseModel,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: text || null,
              refusal: null,
              annotations: [],
              ...(toolCalls.length > 0 ? { tool_calls: toolCallsJson } : {}),
            },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage: chatUsage(completion),
        service_tier: 'default',
        system_fingerprint: fingerprint,
      },
      200,
      headers,
    );
  }

  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const chunk = (choices: unknown[], usage: unknown = null) =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: completion.responseModel,
      service_tier: 'default',
      system_fingerprint: fingerprint,
      choices,
      ...(includeUsage ? { usage } : {}),
    })}\n\n`;
  async function* events(): AsyncGenerator<string> {
    await sleep(completion.timeToFirstTokenMs);
    yield chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, finish_reason: null }]);
    const pieces = splitForStreaming(text);
    for (const piece of pieces) {
      await sleep(completion.generationMs / pieces.length);
      yield chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    }
    if (toolCallsJson.length > 0) {
      yield chunk([
        {
          index: 0,
          delta: { tool_calls: toolCallsJson.map((call, i) => ({ index: i, ...call })) },
          finish_reason: null,
        },
      ]);
    }
    yield chunk([{ index: 0, delta: {}, finish_reason: finishReason }]);
    if (includeUsage) yield chunk([], chatUsage(completion));
    yield 'data: [DONE]\n\n';
  }
  return eventStreamReply(events(), headers);
}

async function response(provider: SimulatedProvider, body: Record<string, unknown>, requestId: string) {
  const model = String(body.model);
  const turns: ChatTurn[] = [];
  if (typeof body.instructions === 'string') turns.push({ role: 'system', text: body.instructions });
  if (typeof body.input === 'string') turns.push({ role: 'user', text: body.input });
  else for (const item of (body.input ?? []) as ResponsesInputItem[]) turns.push(responsesTurn(item));
  const effort = (body.reasoning as { effort?: unknown } | undefined)?.effort;
  const completion = await provider.complete({ model, turns, tools: [], reasoning: reasoningOf(model, effort) });
  await sleep(completion.timeToFirstTokenMs + completion.generationMs);
  const { usage } = completion;
  return jsonReply(
    {
      id: vendorId('resp_', 24),
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      error: null,
      incomplete_details: null,
      instructions: body.instructions ?? null,
      model: completion.responseModel,
      output: [
        {
          id: vendorId('msg_', 24),
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text: completion.reply.text }],
        },
      ],
      parallel_tool_calls: true,
      service_tier: 'default',
      store: true,
      usage: {
        input_tokens: usage.inputTokens,
        input_tokens_details: { cached_tokens: usage.cachedInputTokens },
        output_tokens: usage.outputTokens,
        output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
        total_tokens: usage.inputTokens + usage.outputTokens,
      },
      metadata: {},
    },
    200,
    { 'x-request-id': requestId },
  );
}

/** OpenAI's usage: `prompt_tokens` already includes the cached tokens. */
function chatUsage({ usage }: SimulatedCompletion) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatTurn(message: ChatMessage): ChatTurn {
  const role = message.role === 'developer' ? 'system' : (message.role as ChatTurn['role']);
  const calls = (message.tool_calls ?? []).map(
    (call) => `[tool-call ${call.function.name}(${call.function.arguments})]`,
  );
  return { role, text: [contentText(message.content), ...calls].filter(Boolean).join('\n') };
}

function responsesTurn(item: ResponsesInputItem): ChatTurn {
  if (item.type === 'function_call_output') return { role: 'tool', text: item.output ?? '' };
  const role = item.role === 'developer' ? 'system' : ((item.role ?? 'user') as ChatTurn['role']);
  return { role, text: contentText(item.content) };
}

/** Reasoning models think at the effort asked for, `medium` by default; other models do not think. */
function reasoningOf(model: string, effort: unknown): ReasoningRequest | undefined {
  if (!/^(o\d|gpt-5)/.test(model)) return undefined;
  const known = ['minimal', 'low', 'medium', 'high'] as const;
  return { effort: known.find((level) => level === effort) ?? 'medium' };
}

function errorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
