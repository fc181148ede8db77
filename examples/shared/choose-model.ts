/**
 * The one switch between offline and real providers, for every example.
 *
 * Offline (the default) each framework talks to a `SimulatedProvider` through its own test
 * double: LangChain's fake chat model, the AI SDK's `MockLanguageModelV3`, or the real
 * OpenAI / Anthropic client with a fake `fetch`. With `OPENAI_API_KEY` or `ANTHROPIC_API_KEY`
 * set, the same example code gets the real provider for that vendor instead.
 * `OBSERVATORY_EXAMPLES_OFFLINE=1` (or `offline: true`, as the tests pass) forces offline.
 *
 * Modules are imported on demand, so an offline run never loads a provider package.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { LanguageModel } from 'ai';
import type OpenAI from 'openai';
import type { SimulatedProvider } from './simulated-provider.js';

export type Vendor = 'openai' | 'anthropic';

/** Which model to use, and the simulation to fall back on. */
export interface ModelChoice {
  /** Model id as the vendor names it: `gpt-4o-mini`, `claude-sonnet-4-6`. */
  model: string;
  /** Answers offline; its `vendor` says which real provider it stands in for. */
  simulator: SimulatedProvider;
  /** true: always simulate. Default: simulate unless the vendor's API key is set. */
  offline?: boolean;
}

/** Options of the `openai` and `@anthropic-ai/sdk` clients the examples set. */
export interface ClientOptions {
  /** Retries the SDK makes on its own (default 2); 0 leaves every retry, and its recording, to the app. */
  maxRetries?: number;
  /** Milliseconds before the SDK gives up on a request (default 10 minutes). */
  timeout?: number;
}

const API_KEYS: Record<Vendor, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

/** True when calls to `vendor` go to the real provider. */
export function isLive(vendor: Vendor, offline?: boolean): boolean {
  if (offline ?? process.env.OBSERVATORY_EXAMPLES_OFFLINE === '1') return false;
  return Boolean(process.env[API_KEYS[vendor]]);
}

/** One line saying where calls go, for an example's output. */
export function describeProviders(offline?: boolean): string {
  const live = (Object.keys(API_KEYS) as Vendor[]).filter((vendor) => isLive(vendor, offline));
  return live.length === 0 ? 'offline (simulated providers)' : `live: ${live.join(', ')} (others simulated)`;
}

/**
 * A LangChain chat model: `ChatOpenAI` when live (OpenAI only), else `SimulatedChatModel`.
 * `streamUsage: false` streams without the usage chunk (default true).
 */
export async function chooseChatModel({
  model,
  simulator,
  offline,
  streamUsage = true,
}: ModelChoice & { streamUsage?: boolean }): Promise<BaseChatModel> {
  if (simulator.vendor === 'openai' && isLive('openai', offline)) {
    const { ChatOpenAI } = await import('@langchain/openai');
    return new ChatOpenAI({ model, streamUsage });
  }
  const { SimulatedChatModel } = await import('./simulated-chat-model.js');
  return new SimulatedChatModel({ model, provider: simulator, streamUsage });
}

/** An AI SDK model: `@ai-sdk/openai` / `@ai-sdk/anthropic` when live, else `MockLanguageModelV3`. */
export async function chooseLanguageModel({ model, simulator, offline }: ModelChoice): Promise<LanguageModel> {
  if (isLive(simulator.vendor, offline)) {
    if (simulator.vendor === 'anthropic') return (await import('@ai-sdk/anthropic')).anthropic(model);
    return (await import('@ai-sdk/openai')).openai.chat(model);
  }
  const { createSimulatedLanguageModel } = await import('./simulated-language-model.js');
  return createSimulatedLanguageModel(model, simulator);
}

/** The real `openai` client; offline it sends its requests to the simulator through `fetch`. */
export async function chooseOpenAIClient(
  simulator: SimulatedProvider,
  offline?: boolean,
  options: ClientOptions = {},
): Promise<OpenAI> {
  const { default: OpenAIClient } = await import('openai');
  if (isLive('openai', offline)) return new OpenAIClient(options);
  const { createSimulatedOpenAIFetch } = await import('./simulated-openai-fetch.js');
  return new OpenAIClient({ ...options, apiKey: 'sk-simulated', fetch: createSimulatedOpenAIFetch(simulator) });
}

/** The real `@anthropic-ai/sdk` client; offline it sends its requests to the simulator through `fetch`. */
export async function chooseAnthropicClient(
  simulator: SimulatedProvider,
  offline?: boolean,
  options: ClientOptions = {},
): Promise<Anthropic> {
  const { default: AnthropicClient } = await import('@anthropic-ai/sdk');
  if (isLive('anthropic', offline)) return new AnthropicClient(options);
  const { createSimulatedAnthropicFetch } = await import('./simulated-anthropic-fetch.js');
  return new AnthropicClient({
    ...options,
    apiKey: 'sk-ant-simulated',
    fetch: createSimulatedAnthropicFetch(simulator),
  });
}
