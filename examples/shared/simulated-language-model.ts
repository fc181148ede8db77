import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import {
  type ChatTurn,
  type SimulatedCompletion,
  type SimulatedProvider,
  SimulatedProviderError,
  type SimulatedRequest,
} from './simulated-provider.js';
import { sleep } from './sleep.js';
import { splitForStreaming } from './split-for-streaming.js';

// The provider-spec types, taken from the mock itself so the examples need no direct
// dependency on @ai-sdk/provider.
type CallOptions = Parameters<MockLanguageModelV3['doGenerate']>[0];
type GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;
type StreamResult = Awaited<ReturnType<MockLanguageModelV3['doStream']>>;
type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;
type Prompt = CallOptions['prompt'];

/**
 * The AI SDK's own `MockLanguageModelV3` (from `ai/test`), answering through a
 * `SimulatedProvider`: real-shaped v3 results and streams with usage (input total with its
 * cache-read and cache-write parts, output with reasoning), tool calls, the dated response
 * model id, and a latency. The provider id (`openai.chat`, `anthropic.messages`) is the one
 * the real provider packages use, so recorded calls are named and priced like real ones.
 */
export function createSimulatedLanguageModel(model: string, provider: SimulatedProvider): MockLanguageModelV3 {
  const complete = async (options: CallOptions): Promise<SimulatedCompletion> => {
    try {
      return await provider.complete(toRequest(model, options));
    } catch (error) {
      throw toApiCallError(error, model);
    }
  };
  return new MockLanguageModelV3({
    provider: provider.vendor === 'anthropic' ? 'anthropic.messages' : 'openai.chat',
    modelId: model,
    doGenerate: async (options) => {
      const completion = await complete(options);
      await sleep(completion.timeToFirstTokenMs + completion.generationMs);
      return toGenerateResult(completion);
    },
    doStream: async (options) => {
      const completion = await complete(options);
      return { stream: toStream(completion) };
    },
  });
}

function toRequest(model: string, options: CallOptions): SimulatedRequest {
  return {
    model,
    turns: options.prompt.map(toTurn),
    tools: (options.tools ?? []).map((tool) => tool.name),
  };
}

function toTurn(message: Prompt[number]): ChatTurn {
  if (message.role === 'system') return { role: 'system', text: message.content };
  const texts = message.content.map((part) => {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        return part.text;
      case 'tool-call':
        return `[tool-call ${part.toolName}(${JSON.stringify(part.input)})]`;
      case 'tool-result': {
        const output = part.output;
        if (output.type === 'text') return output.value;
        if (output.type === 'json') return JSON.stringify(output.value);
        if (output.type === 'error-text') return `Error: ${output.value}`;
        if (output.type === 'error-json') return `Error: ${JSON.stringify(output.value)}`;
        return `[${output.type}]`;
      }
      default:
        return `[${part.type}]`;
    }
  });
  return { role: message.role, text: texts.join('\n') };
}

function toUsage({ usage }: SimulatedCompletion): GenerateResult['usage'] {
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens,
      cacheRead: usage.cachedInputTokens,
      cacheWrite: usage.cacheWriteTokens,
    },
    outputTokens: {
      total: usage.outputTokens,
      text: usage.outputTokens - usage.reasoningTokens,
      reasoning: usage.reasoningTokens,
    },
  };
}

function finishReason(completion: SimulatedCompletion): GenerateResult['finishReason'] {
  return completion.reply.toolCalls.length > 0
    ? { unified: 'tool-calls', raw: 'tool_calls' }
    : { unified: 'stop', raw: 'stop' };
}

function toGenerateResult(completion: SimulatedCompletion): GenerateResult {
  const { text, toolCalls } = completion.reply;
  return {
    content: [
      ...(text ? [{ type: 'text' as const, text }] : []),
      ...toolCalls.map((call) => ({
        type: 'tool-call' as const,
        toolCallId: call.id,
        toolName: call.name,
        input: JSON.stringify(call.input),
      })),
    ],
    finishReason: finishReason(completion),
    usage: toUsage(completion),
    response: { id: `resp-${Date.now().toString(36)}`, modelId: completion.responseModel, timestamp: new Date() },
    warnings: [],
  };
}

/** Stream parts as a provider package emits them, spaced out by the simulated latency. */
function toStream(completion: SimulatedCompletion): ReadableStream<StreamPart> {
  const { text, toolCalls } = completion.reply;
  const pieces = splitForStreaming(text);
  return new ReadableStream<StreamPart>({
    async start(controller) {
      controller.enqueue({ type: 'stream-start', warnings: [] });
      controller.enqueue({
        type: 'response-metadata',
        id: `resp-${Date.now().toString(36)}`,
        modelId: completion.responseModel,
        timestamp: new Date(),
      });
      await sleep(completion.timeToFirstTokenMs);
      if (pieces.length > 0) {
        controller.enqueue({ type: 'text-start', id: 'text-0' });
        for (const piece of pieces) {
          await sleep(completion.generationMs / pieces.length);
          controller.enqueue({ type: 'text-delta', id: 'text-0', delta: piece });
        }
        controller.enqueue({ type: 'text-end', id: 'text-0' });
      }
      for (const call of toolCalls) {
        const input = JSON.stringify(call.input);
        controller.enqueue({ type: 'tool-input-start', id: call.id, toolName: call.name });
        controller.enqueue({ type: 'tool-input-delta', id: call.id, delta: input });
        controller.enqueue({ type: 'tool-input-end', id: call.id });
        controller.enqueue({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input });
      }
      controller.enqueue({ type: 'finish', finishReason: finishReason(completion), usage: toUsage(completion) });
      controller.close();
    },
  });
}

/** A provider error as the AI SDK's provider packages throw it. */
function toApiCallError(error: unknown, model: string): unknown {
  if (!(error instanceof SimulatedProviderError)) return error;
  return new APICallError({
    message: error.detail,
    url: 'https://simulated.invalid/v1/chat/completions',
    requestBodyValues: { model },
    statusCode: error.status,
    responseBody: JSON.stringify({ error: { message: error.detail, code: error.code } }),
    // As the provider packages decide: rate limits and server errors are retried.
    isRetryable: error.status === 429 || error.status >= 500,
  });
}
