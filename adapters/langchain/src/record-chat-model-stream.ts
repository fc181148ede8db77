import type { BaseMessage } from '@langchain/core/messages';
import { type LLMCall, type Observatory, reportAdapterError } from '@observatory/core';
import { convertLangChainUsage } from './convert-langchain-usage.js';
import { estimateTokens } from './estimate-tokens.js';
import type { LangChainUsageMetadata } from './langchain-shapes.js';
import type { ObservatoryCallbackHandlerOptions } from './observatory-callback-handler.js';
import { renderMessages } from './render-messages.js';
import { resolveModelName, resolveProvider } from './resolve-model.js';

/** What a chat model offers that the recording needs (any LangChain 1.x chat model). */
interface ChatModelLike {
  getLsParams?(options: unknown): { ls_provider?: string; ls_model_name?: string };
}

/** The stream `model.streamEvents(input)` returns in LangChain ≥ 1.4: buffered, awaitable for its message. */
type ChatModelStreamLike = AsyncIterable<unknown> & PromiseLike<unknown>;

interface AssembledMessage {
  content?: unknown;
  usage_metadata?: LangChainUsageMetadata;
  response_metadata?: Record<string, unknown>;
  tool_calls?: unknown[];
}

/** The call's session, agent, operation and metadata, as the handler takes them. */
export type RecordChatModelStreamOptions = Pick<
  ObservatoryCallbackHandlerOptions,
  'sessionId' | 'agentName' | 'operationName' | 'metadata' | 'onError'
>;

/**
 * Record a call made with LangChain 1.x's `model.streamEvents(input)` without a `version`:
 * that path runs no callbacks, so no handler can see it. Call this right after starting the
 * stream. It reads the stream's own buffer (your iteration is unchanged: the stream keeps
 * every event for each reader), notes the first text as time to first token, and records
 * once the message is complete; a failed stream is recorded as a failed call. Resolves to
 * the recorded call; never rejects.
 *
 * @example
 * const stream = model.streamEvents(messages)
 * recordChatModelStream(obs, model, messages, stream, { agentName: 'writer' })
 * for await (const event of stream) …
 */
export async function recordChatModelStream(
  obs: Observatory,
  model: ChatModelLike,
  input: string | readonly BaseMessage[],
  stream: ChatModelStreamLike,
  options: RecordChatModelStreamOptions = {},
): Promise<LLMCall | undefined> {
  const startedAt = performance.now();
  const timestamp = new Date();
  let firstTokenAt: number | undefined;
  try {
    const lsParams = model.getLsParams?.({}) ?? {};
    const prompt = typeof input === 'string' ? input : renderMessages(input);
    const base = {
      sessionId: options.sessionId,
      agentName: options.agentName,
      operationName: options.operationName,
      metadata: { ...options.metadata, api: 'streamEvents' },
      prompt,
      timestamp,
    };
    const watchFirstToken = (async () => {
      for await (const event of stream) {
        if (isTextDelta(event)) {
          firstTokenAt = performance.now();
          return;
        }
      }
    })();
    let message: AssembledMessage;
    try {
      message = (await stream) as AssembledMessage;
      await watchFirstToken;
    } catch (error) {
      watchFirstToken.catch(() => {});
      return obs.recordCall({
        ...base,
        provider: resolveProvider(lsParams.ls_provider, undefined, undefined),
        modelName: resolveModelName(lsParams.ls_model_name, undefined),
        promptTokens: estimateTokens(prompt),
        completionTokens: 0,
        usageSource: 'estimated',
        latencyMs: performance.now() - startedAt,
        error: error instanceof Error ? error : String(error),
      });
    }
    const endedAt = performance.now();
    const responseText = textOf(message.content);
    const toolCalls = message.tool_calls?.length ? JSON.stringify(message.tool_calls) : '';
    const usage = convertLangChainUsage(message.usage_metadata, undefined, message.response_metadata) ?? {
      promptTokens: estimateTokens(prompt),
      completionTokens: estimateTokens(responseText + toolCalls),
      usageSource: 'estimated' as const,
    };
    const finish = message.response_metadata?.finish_reason ?? message.response_metadata?.stop_reason;
    return obs.recordCall({
      ...base,
      provider: resolveProvider(lsParams.ls_provider, message.response_metadata, undefined),
      modelName: resolveModelName(lsParams.ls_model_name, message.response_metadata),
      ...usage,
      responseText,
      finishReason: typeof finish === 'string' && finish ? finish.slice(0, 64) : undefined,
      latencyMs: endedAt - startedAt,
      ttftMs: firstTokenAt === undefined ? undefined : firstTokenAt - startedAt,
    });
  } catch (error) {
    reportAdapterError(obs, 'LangChain recordChatModelStream', error, options.onError);
    return undefined;
  }
}

function isTextDelta(event: unknown): boolean {
  const e = event as { event?: string; delta?: { type?: string; text?: string } } | undefined;
  return e?.event === 'content-block-delta' && Boolean(e.delta?.text);
}

/** A message's text: a string, or its text blocks joined. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (typeof block === 'string' ? block : ((block as { text?: unknown }).text ?? '')))
    .filter((text): text is string => typeof text === 'string')
    .join('');
}
