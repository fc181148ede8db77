import { recordAnthropicError, recordAnthropicMessage } from '@observatory/anthropic';
import type { LLMCall, Observatory } from '@observatory/core';
import { recordOpenAIError, recordOpenAIResponse } from '@observatory/openai';
import { backdate } from '../../shared/backdate.js';
import { chooseAnthropicClient, chooseOpenAIClient, isLive } from '../../shared/choose-model.js';
import { type Customer, createCustomerPicker, customerMetadata } from '../../shared/customers.js';
import { createSeededRandom, type SeededRandom } from '../../shared/seeded-random.js';
import { type ProviderIncidents, SimulatedProvider } from '../../shared/simulated-provider.js';
import { type AskOptions, askModel, buildRequest, type CopilotClients, type ModelAnswer } from './ask-model.js';
import { AGENT_PROMPTS, type CopilotAgent, cacheTtlOf, isUnderTest } from './career-prompts.js';
import { CONVERSATIONS, type Conversation, type CopilotRequest } from './conversations.js';
import { copilotResponder } from './copilot-responder.js';
import { buildJudgeRequest, type Judgement, judgeAnswer } from './llm-judge.js';
import { CHEAP_MODEL, fallbackRoute, type Route, routeRequest } from './model-router.js';
import { type CacheLookup, PromptCache } from './prompt-cache.js';
import { isOverloaded, isRetryable, isTimeout, withRetries } from './with-retries.js';

export interface CareerCopilotOptions {
  /** Picks the conversations, their customers and the first prompt variant; the same seed gives the same run. Default 1. */
  seed?: number;
  /** How many conversations, sampled by the seed. Default 3. */
  count?: number;
  /** Run exactly these conversations (by id, see `CONVERSATIONS`) instead. */
  conversations?: string[];
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: simulated models even when OPENAI_API_KEY / ANTHROPIC_API_KEY are set. */
  offline?: boolean;
  /** Simulated time per real time of the offline models (see SimulatedProvider); 0 runs without waiting. */
  timeScale?: number;
  /** Offline: how often the simulated providers fail whatever they are asked (rate limits, 5xx, stalls). Default: never. */
  incidents?: ProviderIncidents;
}

/** What happened to one request. */
export interface RequestOutcome {
  request: CopilotRequest;
  answer: string;
  cacheHit: boolean;
  model?: string;
  promptVariant?: 'A' | 'B';
  judgeScore?: number;
  /** The judge flagged an invented fact or source. */
  hallucination?: boolean;
  fellBack?: boolean;
  /** Tries that failed (rate limits, server errors, timeouts), each recorded as an error call. */
  failedAttempts: number;
}

export interface ConversationOutcome {
  conversation: Conversation;
  /** Who the conversation is for: recorded as `userId`, `tenantId` and `plan`. */
  customer: Customer;
  sessionId: string;
  requests: RequestOutcome[];
  /** Why the session failed: a hallucination caught by the judge, or an error. */
  error?: string;
}

/** Everything one run shares: clients, cache, variant rotation. */
interface Copilot extends CopilotClients {
  obs: Observatory;
  cache: PromptCache;
  nextVariant: () => 'A' | 'B';
  /** Scales the waits between retries like the simulated providers' time (1 against real ones). */
  retryTimeScale: number;
}

/** Where one request's calls are recorded, and what they all carry. */
interface RequestContext {
  sessionId: string;
  agentName: CopilotAgent;
  operationName: string;
  metadata: Record<string, unknown>;
}

/** Agents whose long answers are streamed to the user as they are written. */
const STREAMED_AGENTS = new Set<CopilotAgent>(['CoverLetterWriter', 'InterviewCoach']);
/** Timeouts the copilot sets on its requests (ms): an answer may stream for a while, a verdict is short. */
const ANSWER_TIMEOUT_MS = 30_000;
const JUDGE_TIMEOUT_MS = 20_000;
/** Tries after the first one, and the first wait between them (ms, doubled each time). */
const RETRIES = 2;
const FIRST_RETRY_DELAY_MS = 500;

/**
 * Career Copilot: five agents answering career questions, with the three decisions
 * Observatory's pages are built for, all made by the app and only recorded:
 * - a router picks gpt-4o-mini, claude-sonnet-4-6 (with extended thinking on enterprise
 *   plans) or the o4-mini reasoning model per request (`routingDecision`), and falls back
 *   to the cheap model when the chosen one is overloaded or keeps failing;
 * - a prompt cache answers repeated questions, typed differently, from memory
 *   (`cacheMetadata`; a hit is a call with zero tokens);
 * - an LLM judge (gpt-4o) scores every fresh answer (`qualityEvaluation`); a hallucination
 *   fails the conversation's session.
 * Long answers are streamed (time to first token); Anthropic caches the stable system
 * prompts for an hour. The copilot retries rate limits, server errors and timeouts itself,
 * and records every failed try. Two prompts are under A/B test; their calls carry
 * `metadata.promptId` and `metadata.promptVariant`. Each conversation is a `career_copilot`
 * session for one customer (`userId`, `tenantId`, `plan`).
 */
export async function runCareerCopilot(
  observatory: Observatory,
  options: CareerCopilotOptions = {},
): Promise<ConversationOutcome[]> {
  const random = createSeededRandom(options.seed ?? 1);
  const nextCustomer = createCustomerPicker(options.seed ?? 1);
  const conversations = options.conversations
    ? options.conversations.map((id) => findConversation(id))
    : random.sample(CONVERSATIONS, options.count ?? 3);
  const simulator = (vendor: 'openai' | 'anthropic') =>
    new SimulatedProvider({
      vendor,
      responder: copilotResponder,
      seed: options.seed,
      timeScale: options.timeScale,
      incidents: options.incidents,
    });
  // The copilot retries (and records) every failure itself, so the SDKs must not.
  const clientOptions = { maxRetries: 0, timeout: ANSWER_TIMEOUT_MS };
  const live = isLive('openai', options.offline) || isLive('anthropic', options.offline);
  const copilot: Copilot = {
    obs: backdate(observatory, options.startedAt),
    openai: await chooseOpenAIClient(simulator('openai'), options.offline, clientOptions),
    anthropic: await chooseAnthropicClient(simulator('anthropic'), options.offline, clientOptions),
    cache: new PromptCache(),
    nextVariant: rotateVariants(random),
    retryTimeScale: live ? 1 : (options.timeScale ?? 0.02),
  };

  const outcomes: ConversationOutcome[] = [];
  for (const conversation of conversations) {
    const { obs } = copilot;
    const customer = nextCustomer();
    const session = obs.startSession('career_copilot', {
      conversationId: conversation.id,
      ...customerMetadata(customer),
    });
    const outcome: ConversationOutcome = { conversation, customer, sessionId: session.id, requests: [] };
    outcomes.push(outcome);
    try {
      for (const request of conversation.requests) {
        outcome.requests.push(await handleRequest(copilot, session.id, conversation, customer, request));
      }
      const hallucinated = outcome.requests.find((r) => r.hallucination);
      if (hallucinated) outcome.error = `quality gate: the judge flagged the ${hallucinated.request.agent} answer`;
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    await obs.endSession(session, outcome.error ? { success: false, error: outcome.error } : { success: true });
  }
  return outcomes;
}

async function handleRequest(
  copilot: Copilot,
  sessionId: string,
  conversation: Conversation,
  customer: Customer,
  request: CopilotRequest,
): Promise<RequestOutcome> {
  const { obs, cache } = copilot;
  const prompt = AGENT_PROMPTS[request.agent];
  const promptId = prompt.promptId;
  const metadata = { conversationId: conversation.id, ...customerMetadata(customer), promptId };

  const lookupStarted = performance.now();
  const lookup = cache.lookup(promptId, request.text);
  if (lookup.hit) {
    // No model call: recorded with zero tokens, so the cache page can count what it saved.
    obs.recordCall({
      sessionId,
      agentName: request.agent,
      operationName: promptId,
      provider: lookup.hit.provider,
      modelName: lookup.hit.modelName,
      promptTokens: 0,
      completionTokens: 0,
      latencyMs: performance.now() - lookupStarted,
      prompt: request.text,
      responseText: lookup.hit.text,
      cacheMetadata: cacheMetadataOf(lookup, true),
      metadata: {
        ...metadata,
        ...(lookup.hit.promptVariant ? { promptVariant: lookup.hit.promptVariant } : {}),
        answeredBy: lookup.hit.callId,
      },
    });
    return {
      request,
      answer: lookup.hit.text,
      cacheHit: true,
      promptVariant: lookup.hit.promptVariant,
      failedAttempts: 0,
    };
  }

  const promptVariant = isUnderTest(prompt) ? copilot.nextVariant() : undefined;
  const system = isUnderTest(prompt) ? prompt[promptVariant ?? 'A'] : prompt.system;
  const context: RequestContext = {
    sessionId,
    agentName: request.agent,
    operationName: promptId,
    metadata: { ...metadata, ...(promptVariant ? { promptVariant } : {}) },
  };
  const cacheMetadata = cacheMetadataOf(lookup, false);
  const askOptions = (route: Route): AskOptions => ({
    stream: STREAMED_AGENTS.has(request.agent),
    thinking: route.thinking,
    cacheTtl: cacheTtlOf(prompt),
    timeoutMs: ANSWER_TIMEOUT_MS,
  });
  const failures = { count: 0 };
  let route = routeRequest(request.agent, system, request.text, { plan: customer.plan });
  let answer: ModelAnswer;
  let fellBack = false;
  try {
    answer = await askWithRetries(copilot, route, system, request.text, askOptions(route), context, failures);
  } catch (error) {
    if (route.target === CHEAP_MODEL) throw error;
    route = fallbackRoute(route, errorName(error));
    fellBack = true;
    answer = await askWithRetries(copilot, route, system, request.text, askOptions(route), context, failures);
  }

  const judgement = await judgeWithRetries(copilot, request, answer.text, context, promptVariant, failures);
  const answerOptions = {
    ...context,
    latencyMs: answer.latencyMs,
    ttftMs: answer.ttftMs,
    finishReason: answer.finishReason,
    // A streamed answer's last chunk carries the usage, not the text.
    responseText: answer.text,
    routingDecision: route.decision,
    cacheMetadata,
    qualityEvaluation: judgement?.evaluation,
    metadata: { ...context.metadata, complexity: route.complexity },
  };
  const call: LLMCall | undefined =
    answer.request.vendor === 'anthropic'
      ? recordAnthropicMessage(obs, answer.response, { ...answerOptions, request: answer.request.params })
      : recordOpenAIResponse(obs, answer.response, { ...answerOptions, request: answer.request.params });
  if (judgement) {
    recordOpenAIResponse(obs, judgement.completion, {
      ...judgeLabels(context, request.agent, promptVariant),
      request: buildJudgeRequest(request.text, answer.text),
      latencyMs: judgement.latencyMs,
      parentId: call?.id,
    });
  }

  // Only answers the judge found correct (5+: generic but correct) are served again.
  const verdict = judgement?.evaluation;
  if (verdict && verdict.judgeScore >= 5 && !verdict.hallucinationFlag) {
    // A hit is recorded under the model name of the answer it serves (the dated id the
    // provider answered with), so the hits and misses of one model add up on the cost page.
    cache.store(lookup.cacheKey, {
      text: answer.text,
      provider: call?.provider ?? route.target.vendor,
      modelName: call?.modelName ?? route.target.model,
      promptVariant,
      callId: call?.id,
    });
  }
  return {
    request,
    answer: answer.text,
    cacheHit: false,
    model: route.target.model,
    promptVariant,
    judgeScore: verdict?.judgeScore,
    hallucination: verdict?.hallucinationFlag,
    fellBack,
    failedAttempts: failures.count,
  };
}

/**
 * Ask the routed model, retrying what the SDKs would retry, and record each failed try
 * (`metadata.attempt`) with the routing decision it was made under. An overloaded model is
 * not retried when there is a cheaper one to fall back on.
 */
function askWithRetries(
  copilot: Copilot,
  route: Route,
  system: string,
  text: string,
  options: AskOptions,
  context: RequestContext,
  failures: { count: number },
): Promise<ModelAnswer> {
  const request = buildRequest(route.target, system, text, options);
  return withRetries(() => askModel(copilot, request, options), {
    retries: RETRIES,
    shouldRetry: (error) => isRetryable(error) && !(isOverloaded(error) && route.target !== CHEAP_MODEL),
    delayMs: (attempt) => FIRST_RETRY_DELAY_MS * 2 ** (attempt - 2) * copilot.retryTimeScale,
    onFailure: (error, attempt, latencyMs) => {
      failures.count++;
      const failure = {
        ...context,
        latencyMs,
        routingDecision: route.decision,
        metadata: { ...context.metadata, attempt, ...timeoutOf(error, options.timeoutMs) },
      };
      if (request.vendor === 'anthropic') {
        recordAnthropicError(copilot.obs, error, { ...failure, request: request.params });
      } else {
        recordOpenAIError(copilot.obs, error, { ...failure, request: request.params });
      }
    },
  });
}

/** The judge's verdict, or undefined when the judge kept failing: the answer is then served unjudged. */
async function judgeWithRetries(
  copilot: Copilot,
  request: CopilotRequest,
  answer: string,
  context: RequestContext,
  promptVariant: 'A' | 'B' | undefined,
  failures: { count: number },
): Promise<Judgement | undefined> {
  const judgeRequest = buildJudgeRequest(request.text, answer);
  try {
    return await withRetries(() => judgeAnswer(copilot.openai, judgeRequest, { timeoutMs: JUDGE_TIMEOUT_MS }), {
      retries: RETRIES,
      shouldRetry: isRetryable,
      delayMs: (attempt) => FIRST_RETRY_DELAY_MS * 2 ** (attempt - 2) * copilot.retryTimeScale,
      onFailure: (error, attempt, latencyMs) => {
        failures.count++;
        const labels = judgeLabels(context, request.agent, promptVariant);
        recordOpenAIError(copilot.obs, error, {
          ...labels,
          request: judgeRequest,
          latencyMs,
          metadata: { ...labels.metadata, attempt, ...timeoutOf(error, JUDGE_TIMEOUT_MS) },
        });
      },
    });
  } catch {
    return undefined;
  }
}

/**
 * The judge's own labels. The judge has its own prompt; the judged one goes under other
 * keys, so the judge's calls do not count as traffic of the variant it judged.
 */
function judgeLabels(context: RequestContext, evaluatedAgent: CopilotAgent, promptVariant: 'A' | 'B' | undefined) {
  const { promptId, promptVariant: _variant, ...shared } = context.metadata;
  return {
    sessionId: context.sessionId,
    agentName: 'Judge',
    operationName: 'judge_answer',
    metadata: {
      ...shared,
      promptId: 'judge_answer',
      evaluatedAgent,
      evaluatedPromptId: promptId,
      ...(promptVariant ? { evaluatedPromptVariant: promptVariant } : {}),
    },
  };
}

/** For a timed-out try, the timeout the copilot set (ms): how long the user waited for nothing. */
function timeoutOf(error: unknown, timeoutMs: number): { timeoutMs?: number } {
  return isTimeout(error) ? { timeoutMs } : {};
}

function cacheMetadataOf(lookup: CacheLookup, cacheHit: boolean) {
  return { cacheHit, cacheKey: lookup.cacheKey, cacheClusterId: lookup.cacheClusterId };
}

/** The SDK error's class name (`OverloadedError`, `APIConnectionTimeoutError`), for the fallback's reasoning. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  return error.name === 'Error' ? error.constructor.name : error.name;
}

/** Alternate A and B from a random start, so any two tested requests see both variants. */
function rotateVariants(random: SeededRandom): () => 'A' | 'B' {
  let next = random.int(0, 1);
  return () => (next++ % 2 === 0 ? 'A' : 'B');
}

function findConversation(id: string): Conversation {
  const conversation = CONVERSATIONS.find((candidate) => candidate.id === id);
  if (!conversation) throw new Error(`no conversation '${id}'`);
  return conversation;
}
