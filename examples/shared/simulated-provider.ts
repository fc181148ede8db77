import { createHash } from 'node:crypto';
import { countTokens } from './count-tokens.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/** One message of a prompt, reduced to its role and text. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
}

/** How much a reasoning model may think: OpenAI's `reasoning_effort`, Anthropic's thinking budget. */
export interface ReasoningRequest {
  effort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Anthropic `thinking.budget_tokens`: the most thinking tokens the model may spend. */
  budgetTokens?: number;
}

/** What the simulated model is asked: the same for every framework's fake. */
export interface SimulatedRequest {
  /** The model id as requested (`gpt-4o-mini`, `claude-sonnet-4-6`). */
  model: string;
  turns: ChatTurn[];
  /** Names of the tools the request offers. */
  tools: string[];
  /** Set when the request asks a reasoning model to think (o-series effort, Claude extended thinking). */
  reasoning?: ReasoningRequest;
  /** Anthropic: the `cache_control.ttl` of the system prompt's cache breakpoint. Default '5m'. */
  cacheTtl?: '5m' | '1h';
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
  /** The thinking Claude shows (a summary of its reasoning); '' when it did not think. */
  thinking: string;
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
  /** Part of `cacheWriteTokens` written with a 1-hour lifetime (Anthropic `ttl: '1h'`). */
  cacheWrite1hTokens: number;
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
    /** Vendor error code / type, e.g. `rate_limit_exceeded`, `overloaded_error`; OpenAI sends null for server errors. */
    readonly code: string | null,
    message: string,
    /** OpenAI's `error.type` when it is not the one its status implies (`tokens` for a token-rate limit). */
    readonly type?: string,
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

/**
 * The provider accepted the request and never answered. The fetch fakes keep the connection
 * open until the client's own timeout aborts it, so the SDK throws what it throws for a real
 * timeout (`APIConnectionTimeoutError`).
 */
export class SimulatedStallError extends Error {
  constructor() {
    super('the provider accepted the request and sent nothing back');
    this.name = 'SimulatedStallError';
  }
}

/**
 * Failures that have nothing to do with the prompt, as shares of requests (0..1): each
 * request draws once, from its own seeded stream, so a run with the same seed fails the
 * same requests. Rate limits, server errors and overloads come back as the vendor's HTTP
 * errors; a stalled request is ended by the client's timeout (SDK clients only).
 */
export interface ProviderIncidents {
  /** 429: the organisation's tokens-per-minute limit. */
  rateLimited?: number;
  /** 500: the provider failed. */
  serverError?: number;
  /** Anthropic 529 `overloaded_error`; OpenAI 503. */
  overloaded?: number;
  /** No answer at all: the client times out. */
  stalled?: number;
}

const INCIDENT_KINDS = ['rateLimited', 'serverError', 'overloaded', 'stalled'] as const;

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
  /** Provider-side failures independent of the prompt. Default: none. */
  incidents?: ProviderIncidents;
}

/** Dated ids providers answer with for the aliases the examples request. */
const RESPONSE_MODELS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'o4-mini': 'o4-mini-2025-04-16',
  'claude-sonnet-4-6': 'claude-sonnet-4-6',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
};

/** Time to first token (ms) and output speed (tokens/s) of each model, roughly as measured in public benchmarks. */
const SPEEDS: Record<string, { ttftMs: number; tokensPerSecond: number }> = {
  'gpt-4o-mini': { ttftMs: 350, tokensPerSecond: 110 },
  'gpt-4o': { ttftMs: 450, tokensPerSecond: 80 },
  // Before reasoning: its hidden reasoning tokens come on top of this (see simulatedTiming).
  'o4-mini': { ttftMs: 500, tokensPerSecond: 140 },
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
 * (uniform in [0, 1)) adds ±15% jitter to each. OpenAI's reasoning is hidden, so its
 * reasoning tokens are generated before the first visible token; Claude streams its
 * thinking, so they count as generation.
 */
export function simulatedTiming(
  model: string,
  usage: Pick<SimulatedUsage, 'inputTokens' | 'cachedInputTokens' | 'outputTokens'> &
    Partial<Pick<SimulatedUsage, 'reasoningTokens'>>,
  random: () => number,
): { timeToFirstTokenMs: number; generationMs: number } {
  const speed = speedOf(model);
  const jitter = () => 0.85 + random() * 0.3;
  const hiddenReasoning = model.startsWith('claude') ? 0 : Math.min(usage.reasoningTokens ?? 0, usage.outputTokens);
  const msPerToken = 1000 / speed.tokensPerSecond;
  return {
    timeToFirstTokenMs:
      (speed.ttftMs + (usage.inputTokens - usage.cachedInputTokens) * 0.05 + hiddenReasoning * msPerToken) * jitter(),
    generationMs: (usage.outputTokens - hiddenReasoning) * msPerToken * jitter(),
  };
}

/** Reasoning tokens per request at each `reasoning_effort`, before jitter (o4-mini on short tasks). */
const EFFORT_TOKENS = { minimal: 0, low: 320, medium: 1100, high: 3200 };

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
  /** Simulated time per real time; the fetch fakes scale a client's timeout by it too. */
  readonly timeScale: number;
  private readonly responder: Responder;
  private readonly random: SeededRandom;
  private readonly incidents: ProviderIncidents;
  private readonly incidentRandom: SeededRandom;
  /** Hashes of prompt prefixes the provider has seen, per model. */
  private readonly seenPrefixes = new Set<string>();

  constructor(options: SimulatedProviderOptions) {
    this.vendor = options.vendor;
    this.responder = options.responder;
    this.random = createSeededRandom(options.seed ?? 7);
    this.timeScale = options.timeScale ?? 0.02;
    this.incidents = options.incidents ?? {};
    this.incidentRandom = createSeededRandom((options.seed ?? 7) * 31 + 17);
  }

  /**
   * Answer a request. An incident (see `ProviderIncidents`) is thrown before the responder
   * is asked; errors thrown by the responder (e.g. `SimulatedProviderError`) propagate.
   */
  async complete(request: SimulatedRequest): Promise<SimulatedCompletion> {
    this.throwIncident(request.model);
    const reply = toReply(await this.responder(request));
    if (request.reasoning && reply.reasoningTokens === 0) {
      reply.reasoningTokens = this.reasoningTokens(request.reasoning);
    }
    if (this.vendor === 'anthropic' && reply.reasoningTokens > 0 && !reply.thinking) {
      reply.thinking = summarizeThinking(request);
    }
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

  /** Fail the request as the provider sometimes does, whatever it asks (see `ProviderIncidents`). */
  private throwIncident(model: string): void {
    const kinds = INCIDENT_KINDS.map((kind) => [kind, this.incidents[kind] ?? 0] as const);
    if (kinds.every(([, share]) => share === 0)) return;
    // One draw per request, against the shares stacked one after the other.
    let draw = this.incidentRandom.next();
    let incident: keyof ProviderIncidents | undefined;
    for (const [kind, share] of kinds) {
      if (draw < share) {
        incident = kind;
        break;
      }
      draw -= share;
    }
    const openai = this.vendor === 'openai';
    switch (incident) {
      case 'rateLimited':
        throw openai
          ? new SimulatedProviderError(
              429,
              'rate_limit_exceeded',
              `Rate limit reached for ${model} in organization org-simulated on tokens per min (TPM): Limit 2000000, Used 1998840, Requested 1912. Please try again in 24ms. Visit https://platform.openai.com/account/rate-limits to learn more.`,
              'tokens',
            )
          : new SimulatedProviderError(
              429,
              'rate_limit_error',
              'This request would exceed the rate limit for your organization of 400,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
            );
      case 'serverError':
        throw openai
          ? new SimulatedProviderError(
              500,
              null,
              'The server had an error while processing your request. Sorry about that!',
            )
          : new SimulatedProviderError(500, 'api_error', 'Internal server error');
      case 'overloaded':
        throw openai
          ? new SimulatedProviderError(503, null, 'The server is overloaded or not ready yet.')
          : new SimulatedProviderError(529, 'overloaded_error', 'Overloaded');
      case 'stalled':
        throw new SimulatedStallError();
    }
  }

  /** Tokens a reasoning model thinks for: set by the effort, at most the budget, ±40%. */
  private reasoningTokens(reasoning: ReasoningRequest): number {
    const base = EFFORT_TOKENS[reasoning.effort ?? 'medium'];
    const tokens = Math.round(base * (0.6 + this.random.next() * 0.8));
    return reasoning.budgetTokens === undefined ? tokens : Math.min(reasoning.budgetTokens, tokens);
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
      this.vendor === 'openai'
        ? { ...this.prefixCache(request, turnTokens, toolTokens), cacheWrite1hTokens: 0 }
        : this.systemCache(request);
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

  /**
   * Anthropic: the system prompt (marked with cache_control) is written once, then read; a
   * breakpoint with `ttl: '1h'` writes at the 1-hour rate, reported apart in `cache_creation`.
   */
  private systemCache(
    request: SimulatedRequest,
  ): Pick<SimulatedUsage, 'cachedInputTokens' | 'cacheWriteTokens' | 'cacheWrite1hTokens'> {
    const system = request.turns.filter((turn) => turn.role === 'system').map((turn) => turn.text);
    const tokens = system.reduce((sum, text) => sum + countTokens(text) + TOKENS_PER_TURN, 0);
    const none = { cachedInputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0 };
    if (tokens < CACHE_BLOCK_TOKENS) return none;
    const key = createHash('sha256').update(request.model).update(system.join('\u0000')).digest('hex');
    if (this.seenPrefixes.has(key)) return { ...none, cachedInputTokens: tokens };
    this.seenPrefixes.add(key);
    return { ...none, cacheWriteTokens: tokens, cacheWrite1hTokens: request.cacheTtl === '1h' ? tokens : 0 };
  }
}

let toolCallCounter = 0;

function toReply(value: string | Partial<SimulatedReply>): SimulatedReply {
  if (typeof value === 'string') return { text: value, toolCalls: [], reasoningTokens: 0, thinking: '' };
  return {
    text: value.text ?? '',
    toolCalls: (value.toolCalls ?? []).map((call) => ({ ...call, id: call.id || `call_${++toolCallCounter}` })),
    reasoningTokens: value.reasoningTokens ?? 0,
    thinking: value.thinking ?? '',
  };
}

/** The short summary of its reasoning Claude returns in a thinking block (the full thinking is billed, not shown). */
function summarizeThinking(request: SimulatedRequest): string {
  const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
  const ask = user.split(/(?<=[.?!])\s/)[0].slice(0, 160);
  return `The user asks: "${ask}" I should check what the system prompt requires, pick out the strongest evidence in their background, weigh what the reader will look for first, and only then draft the answer.`;
}
