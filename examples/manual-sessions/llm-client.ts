import { chooseAnthropicClient, chooseOpenAIClient } from '../shared/choose-model.js';
import { type Responder, SimulatedProvider } from '../shared/simulated-provider.js';

/** One prompt to one model. */
export interface LlmRequest {
  /** `gpt-…` goes to OpenAI, `claude-…` to Anthropic. */
  model: string;
  system: string;
  prompt: string;
}

/** What the app knows after a call: the answer and the usage, already in Observatory's token rule. */
export interface LlmResult {
  text: string;
  provider: 'openai' | 'anthropic';
  modelName: string;
  /** Total input, including cache reads and cache writes. */
  promptTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  completionTokens: number;
  latencyMs: number;
  finishReason: string | null;
}

/** The app's own little LLM client: the kind of code that records calls by hand. */
export interface LlmClient {
  complete(request: LlmRequest): Promise<LlmResult>;
}

/**
 * An LLM client over the real OpenAI and Anthropic SDKs (simulated offline through their
 * `fetch`), reading usage by hand — which is where the token rule matters: OpenAI's
 * `prompt_tokens` already includes cached tokens, Anthropic's `input_tokens` does not.
 */
export async function createLlmClient(
  responder: Responder,
  options: { seed?: number; offline?: boolean },
): Promise<LlmClient> {
  const openai = await chooseOpenAIClient(
    new SimulatedProvider({ vendor: 'openai', responder, seed: options.seed }),
    options.offline,
  );
  const anthropic = await chooseAnthropicClient(
    new SimulatedProvider({ vendor: 'anthropic', responder, seed: options.seed }),
    options.offline,
  );
  return {
    async complete({ model, system, prompt }) {
      const started = performance.now();
      if (model.startsWith('claude')) {
        const message = await anthropic.messages.create({
          model,
          max_tokens: 1024,
          // Mark the system prompt cacheable: repeats are billed at the cache-read price.
          system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: prompt }],
        });
        const usage = message.usage;
        const cacheRead = usage.cache_read_input_tokens ?? 0;
        const cacheWrite = usage.cache_creation_input_tokens ?? 0;
        return {
          text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
          provider: 'anthropic',
          modelName: message.model,
          promptTokens: usage.input_tokens + cacheRead + cacheWrite,
          cachedPromptTokens: cacheRead,
          cacheWriteTokens: cacheWrite,
          completionTokens: usage.output_tokens,
          latencyMs: performance.now() - started,
          finishReason: message.stop_reason,
        };
      }
      const completion = await openai.chat.completions.create({
        model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: prompt },
        ],
      });
      return {
        text: completion.choices[0]?.message.content ?? '',
        provider: 'openai',
        modelName: completion.model,
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        cachedPromptTokens: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
        cacheWriteTokens: 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
        latencyMs: performance.now() - started,
        finishReason: completion.choices[0]?.finish_reason ?? null,
      };
    },
  };
}

/** The `recordCall` fields an `LlmResult` fills: provider, model, tokens, latency, answer. */
export function resultFields(result: LlmResult) {
  return {
    provider: result.provider,
    modelName: result.modelName,
    promptTokens: result.promptTokens,
    cachedPromptTokens: result.cachedPromptTokens,
    cacheWriteTokens: result.cacheWriteTokens,
    completionTokens: result.completionTokens,
    latencyMs: result.latencyMs,
    responseText: result.text,
    finishReason: result.finishReason,
  };
}

/** The provider a model id goes to, for recording a call that failed before any result. */
export function providerOf(model: string): 'openai' | 'anthropic' {
  return model.startsWith('claude') ? 'anthropic' : 'openai';
}
