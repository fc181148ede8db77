import { createHash } from 'node:crypto';
import { countTokens } from './count-tokens.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/** One message of a prompt, reduced to its role and text. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
}

/** What the simulated model is asked: the same for every framework's fake. */
export interface SimulatedRequest {
  /** The model id as requested (`gpt-4o-mini`, `claude-sonnet-4-6`). */
  model: string;
  turns: ChatTurn[];
  /** Names of the tools the request offers. */
  tools: string[];
}

/** A tool call the simulated model makes. */
export interface SimulatedToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** What the simulated model answers. */
export interface SimulatedReply {
  text: string;
  toolCalls: SimulatedToolCall[];
  /** Hidden reasoning tokens, billed as output (reasoning models). */
  reasoningTokens: number;
}

/** An example's stand-in for the model: read the prompt, answer it (or throw a provider error). */
export type Responder = (
  request: SimulatedRequest,
) => string | Partial<SimulatedReply> | Promise<string | Partial<SimulatedReply>>;

/**
 * Token usage as the provider reports it, in Observatory's rule: `inputTokens` is the total
 * input including cache reads and writes; `outputTokens` includes reasoning.
 */
export interface SimulatedUsage {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/** One simulated completion: the answer, its usage and how long it should take. */
export interface SimulatedCompletion {
  reply: SimulatedReply;
  usage: SimulatedUsage;
  /** The dated model id a provider answers with (`gpt-4o-mini-2024-07-18`). */
  responseModel: string;
  /** Milliseconds before the first token. */
  timeToFirstTokenMs: number;
  /** Milliseconds from the first token to the last. */
  generationMs: number;
}

/**
 * A provider-side failure (rate limit, overload, bad request). The fetch fakes turn it into
 * the vendor's HTTP error; the framework fakes throw it, named as the SDKs name theirs.
 */
export class SimulatedProviderError extends Error {
  constructor(
    readonly status: number,
    /** Vendor error type / code, e.g. `rate_limit_exceeded`, `overloaded_error`. */
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${message}`);
    this.name =
      status === 429
        ? 'RateLimitError'
        : status >= 500
          ? 'InternalServerError'
          : status === 401
            ? 'AuthenticationError'
            : 'BadRequestError';
  }

  /** The message without the status, as the vendor's error body carries it. */
  get detail(): string {
    return this.message.slice(String(this.status).length + 1);
  }
}

export interface SimulatedProviderOptions {
  /** Whose caching and naming rules to follow. */
  vendor: 'openai' | 'anthropic';
  responder: Responder;
  /** Seeds the latency jitter. */
  seed?: number;
  /**
   * Simulated time per real time: 0.02 turns a 3 s generation into a 60 ms sleep, so an
   * example stays fast while latencies keep their proportions between models.
   */
  timeScale?: number;
}

/** Dated ids providers answer with for the aliases the examples request. */
const RESPONSE_MODELS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'claude-sonnet-4-6': 'claude-sonnet-4-6',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
};

/** Time to first token (ms) and output speed (tokens/s) of each model, roughly as measured in public benchmarks. */
const SPEEDS: Record<string, { ttftMs: number; tokensPerSecond: number }> = {
  'gpt-4o-mini': { ttftMs: 350, tokensPerSecond: 110 },
  'gpt-4o': { ttftMs: 450, tokensPerSecond: 80 },
  'claude-sonnet-4-6': { ttftMs: 800, tokensPerSecond: 60 },
  'claude-haiku-4-5': { ttftMs: 400, tokensPerSecond: 120 },
};
const DEFAULT_SPEED = { ttftMs: 500, tokensPerSecond: 80 };

/** The speed of a model requested by alias or answered with a dated id (`gpt-4o-mini-2024-07-18`). */
function speedOf(model: string) {
  const alias = Object.keys(SPEEDS)
    .filter((name) => model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return alias ? SPEEDS[alias] : DEFAULT_SPEED;
}

/**
 * How long a completion takes in real time (before any `timeScale`): time to the first
 * token grows with the uncached part of the prompt, generation with the output; `random`
 * (uniform in [0, 1)) adds ±15% jitter to each.
 */
export function simulatedTiming(
  model: string,
  usage: Pick<SimulatedUsage, 'inputTokens' | 'cachedInputTokens' | 'outputTokens'>,
  random: () => number,
): { timeToFirstTokenMs: number; generationMs: number } {
  const speed = speedOf(model);
  const jitter = () => 0.85 + random() * 0.3;
  return {
    timeToFirstTokenMs: (speed.ttftMs + (usage.inputTokens - usage.cachedInputTokens) * 0.05) * jitter(),
    generationMs: (usage.outputTokens / speed.tokensPerSecond) * 1000 * jitter(),
  };
}

/**
 * Prompt prefixes are cached in blocks of this many tokens. Real providers cache only
 * prompts of 1024 tokens or more (OpenAI in 128-token steps); the simulation caches from a
 * 64-token block so the short prompts of the examples show cache reads too.
 */
const CACHE_BLOCK_TOKENS = 64;
/** Per-message framing tokens (role markers), as chat formats add. */
const TOKENS_PER_TURN = 4;

/**
 * A stand-in for an LLM provider, shared by the LangChain, AI SDK and SDK fakes: it asks the
 * example's responder for an answer and computes what the provider would report — input
 * tokens that grow with the prompt, cache reads when a prompt prefix repeats (OpenAI's
 * automatic prefix cache; Anthropic's cached system prompt, written on first use), output
 * tokens, and a latency that depends on the model and the answer's length.
 */
export class SimulatedProvider {
  readonly vendor: 'openai' | 'anthropic';
  private readonly responder: Responder;
  private readonly random: SeededRandom;
  private readonly timeScale: number;
  /** Hashes of prompt prefixes the provider has seen, per model. */
  private readonly seenPrefixes = new Set<string>();

  constructor(options: SimulatedProviderOptions) {
    this.vendor = options.vendor;
    this.responder = options.responder;
    this.random = createSeededRandom(options.seed ?? 7);
    this.timeScale = options.timeScale ?? 0.02;
  }

  /** Answer a request. Errors thrown by the responder (e.g. `SimulatedProviderError`) propagate. */
  async complete(request: SimulatedRequest): Promise<SimulatedCompletion> {
    const reply = toReply(await this.responder(request));
    const usage = this.usageOf(request, reply);
    const timing = simulatedTiming(request.model, usage, () => this.random.next());
    return {
      reply,
      usage,
      responseModel: RESPONSE_MODELS[request.model] ?? request.model,
      timeToFirstTokenMs: Math.round(timing.timeToFirstTokenMs * this.timeScale),
      generationMs: Math.round(timing.generationMs * this.timeScale),
    };
  }

  private usageOf(request: SimulatedRequest, reply: SimulatedReply): SimulatedUsage {
    const turnTokens = request.turns.map((turn) => countTokens(turn.text) + TOKENS_PER_TURN);
    const toolTokens = request.tools.length * 60;
    const inputTokens = 3 + toolTokens + turnTokens.reduce((sum, n) => sum + n, 0);
    const outputTokens =
      countTokens(reply.text) +
      reply.toolCalls.reduce((sum, call) => sum + 8 + countTokens(JSON.stringify(call.input)), 0) +
      reply.reasoningTokens;
    const cache =
      this.vendor === 'openai' ? this.prefixCache(request, turnTokens, toolTokens) : this.systemCache(request);
    return { inputTokens, ...cache, outputTokens, reasoningTokens: reply.reasoningTokens };
  }

  /** OpenAI: the longest prompt prefix seen before is read from cache, in whole blocks. */
  private prefixCache(
    request: SimulatedRequest,
    turnTokens: number[],
    toolTokens: number,
  ): Pick<SimulatedUsage, 'cachedInputTokens' | 'cacheWriteTokens'> {
    const hash = createHash('sha256').update(request.model).update(request.tools.join(','));
    let prefixTokens = 3 + toolTokens;
    let cachedPrefix = 0;
    request.turns.forEach((turn, i) => {
      hash.update(`\u0000${turn.role}\u0000${turn.text}`);
      prefixTokens += turnTokens[i];
      const key = hash.copy().digest('hex');
      if (this.seenPrefixes.has(key)) cachedPrefix = prefixTokens;
      else this.seenPrefixes.add(key);
    });
    return {
      cachedInputTokens: Math.floor(cachedPrefix / CACHE_BLOCK_TOKENS) * CACHE_BLOCK_TOKENS,
      cacheWriteTokens: 0,
    };
  }

  /** Anthropic: the system prompt (marked with cache_control) is written once, then read. */
  private systemCache(request: SimulatedRequest): Pick<SimulatedUsage, 'cachedInputTokens' | 'cacheWriteTokens'> {
    const system = request.turns.filter((turn) => turn.role === 'system').map((turn) => turn.text);
    const tokens = system.reduce((sum, text) => sum + countTokens(text) + TOKENS_PER_TURN, 0);
    if (tokens < CACHE_BLOCK_TOKENS) return { cachedInputTokens: 0, cacheWriteTokens: 0 };
    const key = createHash('sha256').update(request.model).update(system.join('\u0000')).digest('hex');
    if (this.seenPrefixes.has(key)) return { cachedInputTokens: tokens, cacheWriteTokens: 0 };
    this.seenPrefixes.add(key);
    return { cachedInputTokens: 0, cacheWriteTokens: tokens };
  }
}

let toolCallCounter = 0;

function toReply(value: string | Partial<SimulatedReply>): SimulatedReply {
  if (typeof value === 'string') return { text: value, toolCalls: [], reasoningTokens: 0 };
  return {
    text: value.text ?? '',
    toolCalls: (value.toolCalls ?? []).map((call) => ({ ...call, id: call.id || `call_${++toolCallCounter}` })),
    reasoningTokens: value.reasoningTokens ?? 0,
  };
}
