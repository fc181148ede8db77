import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';

/** What `FakeUsageChatModel` reports besides its canned responses. */
export interface FakeUsageChatModelInput {
  /** Answers, returned in turn (streamed one character at a time). */
  responses: string[];
  /** Milliseconds to wait before answering (and before each streamed character). */
  sleep?: number;
  /** `usage_metadata` of every answer (on the last chunk when streaming). Omit for a provider that sends none. */
  usage?: UsageMetadata;
  /** `response_metadata` of every answer, e.g. `{ model_name: 'gpt-4o-2024-08-06', finish_reason: 'stop' }`. */
  responseMetadata?: Record<string, unknown>;
  /** `llmOutput` of every non-streamed answer, e.g. `{ tokenUsage: { promptTokens, completionTokens } }`. */
  llmOutput?: Record<string, unknown>;
  /** `invocation_params.model`, as partner models such as ChatOpenAI report it. */
  model?: string;
  /** `ls_provider` in the run metadata. Default: LangChain's class-derived 'FakeListChatModel'. */
  lsProvider?: string;
  /** `ls_model_name` in the run metadata. */
  lsModelName?: string;
  /** Thrown by every call instead of answering. */
  error?: Error;
}

/**
 * LangChain's `FakeListChatModel`, plus what real partner models report and the stock fake
 * does not: `usage_metadata`, `response_metadata`, `invocation_params.model` and LangSmith
 * params. For testing code that records LangChain calls, offline.
 *
 * @example
 * const model = new FakeUsageChatModel({ responses: ['hi'], model: 'gpt-4o', lsProvider: 'openai',
 *   usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 } })
 */
export class FakeUsageChatModel extends FakeListChatModel {
  private readonly fake: Omit<FakeUsageChatModelInput, 'responses' | 'sleep'>;

  constructor({ responses, sleep, ...fake }: FakeUsageChatModelInput) {
    super({ responses, sleep });
    this.fake = fake;
  }

  override invocationParams(): Record<string, unknown> {
    return this.fake.model ? { model: this.fake.model } : {};
  }

  override getLsParams(options: this['ParsedCallOptions']) {
    return {
      ...super.getLsParams(options),
      ...(this.fake.lsProvider ? { ls_provider: this.fake.lsProvider } : {}),
      ...(this.fake.lsModelName ? { ls_model_name: this.fake.lsModelName } : {}),
    };
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    if (this.fake.error) throw this.fake.error;
    const result = await super._generate(messages, options, runManager);
    const text = result.generations[0].text;
    result.generations[0] = {
      text,
      message: new AIMessage({
        content: text,
        usage_metadata: this.fake.usage,
        response_metadata: { ...this.fake.responseMetadata },
      }),
    };
    if (this.fake.llmOutput) result.llmOutput = this.fake.llmOutput;
    return result;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    if (this.fake.error) throw this.fake.error;
    yield* super._streamResponseChunks(messages, options, runManager);
    // Providers that stream usage send it in a last chunk with no text (OpenAI with
    // stream_options.include_usage, Anthropic's message_delta).
    if (this.fake.usage || this.fake.responseMetadata) {
      yield new ChatGenerationChunk({
        text: '',
        message: new AIMessageChunk({
          content: '',
          usage_metadata: this.fake.usage,
          response_metadata: { ...this.fake.responseMetadata },
        }),
      });
    }
  }
}
