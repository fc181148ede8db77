import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import type { ChatTurn, SimulatedCompletion, SimulatedProvider, SimulatedRequest } from './simulated-provider.js';
import { sleep } from './sleep.js';
import { splitForStreaming } from './split-for-streaming.js';

/**
 * LangChain's `FakeListChatModel`, answering through a `SimulatedProvider` instead of a
 * fixed list, and reporting what partner models such as `ChatOpenAI` report: the model in
 * `invocation_params` and `ls_model_name`, `usage_metadata` with cache reads (and cache
 * writes for Anthropic), `response_metadata` with the dated model id, and a latency.
 * With `streamUsage: false` (as `ChatOpenAI` has it, and as OpenAI-compatible gateways
 * behave that drop the usage chunk) a stream carries no usage at all.
 */
export class SimulatedChatModel extends FakeListChatModel {
  readonly model: string;
  readonly streamUsage: boolean;
  private readonly provider: SimulatedProvider;

  constructor({ model, provider, streamUsage }: { model: string; provider: SimulatedProvider; streamUsage?: boolean }) {
    super({ responses: [''] });
    this.model = model;
    this.provider = provider;
    this.streamUsage = streamUsage ?? true;
  }

  override _llmType(): string {
    return 'simulated';
  }

  override invocationParams(): Record<string, unknown> {
    return { model: this.model };
  }

  override getLsParams(options: this['ParsedCallOptions']) {
    return { ...super.getLsParams(options), ls_provider: this.provider.vendor, ls_model_name: this.model };
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const completion = await this.provider.complete(this.toRequest(messages));
    await sleep(completion.timeToFirstTokenMs + completion.generationMs);
    const text = completion.reply.text;
    return {
      generations: [
        {
          text,
          message: new AIMessage({
            content: text,
            usage_metadata: toUsageMetadata(completion),
            response_metadata: this.responseMetadata(completion),
          }),
        },
      ],
      llmOutput: {},
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const completion = await this.provider.complete(this.toRequest(messages));
    await sleep(completion.timeToFirstTokenMs);
    const pieces = splitForStreaming(completion.reply.text);
    for (const piece of pieces) {
      await sleep(completion.generationMs / pieces.length);
      const chunk = new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
    }
    // Providers that stream usage send it in a last chunk with no text (OpenAI with
    // stream_options.include_usage, Anthropic's message_delta); without it, the last chunk
    // only says how the answer finished.
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        ...(this.streamUsage ? { usage_metadata: toUsageMetadata(completion) } : {}),
        response_metadata: this.responseMetadata(completion),
      }),
    });
  }

  private toRequest(messages: BaseMessage[]): SimulatedRequest {
    return { model: this.model, turns: messages.map(toTurn), tools: [] };
  }

  private responseMetadata(completion: SimulatedCompletion): Record<string, unknown> {
    return this.provider.vendor === 'anthropic'
      ? { model_provider: 'anthropic', model: completion.responseModel, stop_reason: 'end_turn' }
      : { model_provider: 'openai', model_name: completion.responseModel, finish_reason: 'stop' };
  }
}

const ROLES: Record<string, ChatTurn['role']> = { system: 'system', human: 'user', ai: 'assistant', tool: 'tool' };

function toTurn(message: BaseMessage): ChatTurn {
  return { role: ROLES[message.getType()] ?? 'user', text: message.text };
}

/** LangChain's usage shape: `input_tokens` includes the cache parts, as @langchain/openai and @langchain/anthropic report it. */
function toUsageMetadata({ usage }: SimulatedCompletion): UsageMetadata {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    input_token_details: { cache_read: usage.cachedInputTokens, cache_creation: usage.cacheWriteTokens },
    output_token_details: { reasoning: usage.reasoningTokens },
  };
}
