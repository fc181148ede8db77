import type Anthropic from '@anthropic-ai/sdk';
import { recordAnthropicError, recordAnthropicMessage } from '@observatory/anthropic';
import type { LLMCall, Observatory } from '@observatory/core';
import { recordOpenAIResponse } from '@observatory/openai';
import type OpenAI from 'openai';
import { backdate } from '../../shared/backdate.js';
import { chooseAnthropicClient, chooseOpenAIClient } from '../../shared/choose-model.js';
import { createSeededRandom, type SeededRandom } from '../../shared/seeded-random.js';
import { SimulatedProvider } from '../../shared/simulated-provider.js';
import { AGENT_PROMPTS, isUnderTest } from './career-prompts.js';
import { CONVERSATIONS, type Conversation, type CopilotRequest } from './conversations.js';
import { copilotResponder } from './copilot-responder.js';
import { judgeAnswer } from './llm-judge.js';
import { fallbackRoute, type Route, type RouteTarget, routeRequest } from './model-router.js';
import { type CacheLookup, PromptCache } from './prompt-cache.js';

export interface CareerCopilotOptions {
  /** Picks the conversations and the first prompt variant; the same seed gives the same run. Default 1. */
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
}

export interface ConversationOutcome {
  conversation: Conversation;
  sessionId: string;
  requests: RequestOutcome[];
  /** Why the session failed: a hallucination caught by the judge, or an error. */
  error?: string;
}

/** Everything one run shares: clients, cache, variant rotation. */
interface Copilot {
  obs: Observatory;
  openai: OpenAI;
  anthropic: Anthropic;
  cache: PromptCache;
  nextVariant: () => 'A' | 'B';
}

/** An answer from either vendor, with what is needed to record it. */
interface ModelAnswer {
  text: string;
  vendor: 'openai' | 'anthropic';
  response: OpenAI.ChatCompletion | Anthropic.Message;
  request: OpenAI.ChatCompletionCreateParamsNonStreaming | Anthropic.MessageCreateParamsNonStreaming;
  latencyMs: number;
}

/**
 * Career Copilot: five agents answering career questions, with the three decisions
 * Observatory's pages are built for, all made by the app and only recorded:
 * - a router picks gpt-4o-mini or claude-sonnet-4-6 per request (`routingDecision`), and
 *   falls back to the cheap model when the strong one is overloaded;
 * - a prompt cache answers repeated questions, typed differently, from memory
 *   (`cacheMetadata`; a hit is a call with zero tokens);
 * - an LLM judge (gpt-4o) scores every fresh answer (`qualityEvaluation`); a hallucination
 *   fails the conversation's session.
 * Two prompts are under A/B test; their calls carry `metadata.promptId` and
 * `metadata.promptVariant`. Each conversation is a `career_copilot` session.
 */
export async function runCareerCopilot(
  observatory: Observatory,
  options: CareerCopilotOptions = {},
): Promise<ConversationOutcome[]> {
  const random = createSeededRandom(options.seed ?? 1);
  const conversations = options.conversations
    ? options.conversations.map((id) => findConversation(id))
    : random.sample(CONVERSATIONS, options.count ?? 3);
  const copilot: Copilot = {
    obs: backdate(observatory, options.startedAt),
    openai: await chooseOpenAIClient(
      new SimulatedProvider({
        vendor: 'openai',
        responder: copilotResponder,
        seed: options.seed,
        timeScale: options.timeScale,
      }),
      options.offline,
    ),
    anthropic: await chooseAnthropicClient(
      new SimulatedProvider({
        vendor: 'anthropic',
        responder: copilotResponder,
        seed: options.seed,
        timeScale: options.timeScale,
      }),
      options.offline,
    ),
    cache: new PromptCache(),
    nextVariant: rotateVariants(random),
  };

  const outcomes: ConversationOutcome[] = [];
  for (const conversation of conversations) {
    const { obs } = copilot;
    const session = obs.startSession('career_copilot', { conversationId: conversation.id, user: conversation.user });
    const outcome: ConversationOutcome = { conversation, sessionId: session.id, requests: [] };
    outcomes.push(outcome);
    try {
      for (const request of conversation.requests) {
        outcome.requests.push(await handleRequest(copilot, session.id, conversation, request));
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
  request: CopilotRequest,
): Promise<RequestOutcome> {
  const { obs, cache } = copilot;
  const prompt = AGENT_PROMPTS[request.agent];
  const promptId = prompt.promptId;
  const labels = { sessionId, agentName: request.agent, operationName: promptId };
  const metadata = { conversationId: conversation.id, user: conversation.user, promptId };

  const lookupStarted = performance.now();
  const lookup = cache.lookup(promptId, request.text);
  if (lookup.hit) {
    // No model call: recorded with zero tokens, so the cache page can count what it saved.
    obs.recordCall({
      ...labels,
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
    return { request, answer: lookup.hit.text, cacheHit: true, promptVariant: lookup.hit.promptVariant };
  }

  const promptVariant = isUnderTest(prompt) ? copilot.nextVariant() : undefined;
  const system = isUnderTest(prompt) ? prompt[promptVariant ?? 'A'] : prompt.system;
  const callMetadata = { ...metadata, ...(promptVariant ? { promptVariant } : {}) };
  let route: Route = routeRequest(request.agent, system, request.text);
  let answer: ModelAnswer;
  let fellBack = false;
  try {
    answer = await ask(copilot, route.target, system, request.text);
  } catch (error) {
    if (route.target.vendor !== 'anthropic') throw error;
    recordAnthropicError(obs, error, {
      ...labels,
      request: anthropicRequest(route.target.model, system, request.text),
      routingDecision: route.decision,
      cacheMetadata: cacheMetadataOf(lookup, false),
      metadata: callMetadata,
    });
    route = fallbackRoute(route, error instanceof Error ? error.name : 'error');
    fellBack = true;
    answer = await ask(copilot, route.target, system, request.text);
  }

  const judgement = await judgeAnswer(copilot.openai, request.text, answer.text);
  const answerOptions = {
    ...labels,
    latencyMs: answer.latencyMs,
    routingDecision: route.decision,
    cacheMetadata: cacheMetadataOf(lookup, false),
    qualityEvaluation: judgement.evaluation,
    metadata: { ...callMetadata, complexity: route.complexity },
  };
  const call: LLMCall | undefined =
    answer.vendor === 'anthropic'
      ? recordAnthropicMessage(obs, answer.response, {
          ...answerOptions,
          request: answer.request as Anthropic.MessageCreateParamsNonStreaming,
        })
      : recordOpenAIResponse(obs, answer.response, {
          ...answerOptions,
          request: answer.request as OpenAI.ChatCompletionCreateParamsNonStreaming,
        });
  recordOpenAIResponse(obs, judgement.completion, {
    sessionId,
    agentName: 'Judge',
    operationName: 'judge_answer',
    request: judgement.request,
    latencyMs: judgement.latencyMs,
    parentId: call?.id,
    // The judge has its own prompt; the judged one goes under other keys, so the judge's
    // calls do not count as traffic of the variant it judged.
    metadata: {
      conversationId: conversation.id,
      user: conversation.user,
      promptId: 'judge_answer',
      evaluatedAgent: request.agent,
      evaluatedPromptId: promptId,
      ...(promptVariant ? { evaluatedPromptVariant: promptVariant } : {}),
    },
  });

  // Only answers the judge found correct (5+: generic but correct) are served again.
  if (judgement.evaluation.judgeScore >= 5 && !judgement.evaluation.hallucinationFlag) {
    cache.store(lookup.cacheKey, {
      text: answer.text,
      provider: answer.vendor,
      modelName: route.target.model,
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
    judgeScore: judgement.evaluation.judgeScore,
    hallucination: judgement.evaluation.hallucinationFlag,
    fellBack,
  };
}

async function ask(copilot: Copilot, target: RouteTarget, system: string, text: string): Promise<ModelAnswer> {
  const started = performance.now();
  if (target.vendor === 'anthropic') {
    const request = anthropicRequest(target.model, system, text);
    const response = await copilot.anthropic.messages.create(request);
    const answer = response.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { text: answer, vendor: 'anthropic', response, request, latencyMs: performance.now() - started };
  }
  const request: OpenAI.ChatCompletionCreateParamsNonStreaming = {
    model: target.model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: text },
    ],
  };
  const response = await copilot.openai.chat.completions.create(request);
  return {
    text: response.choices[0]?.message.content ?? '',
    vendor: 'openai',
    response,
    request,
    latencyMs: performance.now() - started,
  };
}

function anthropicRequest(model: string, system: string, text: string): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: 1024,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: text }],
  };
}

function cacheMetadataOf(lookup: CacheLookup, cacheHit: boolean) {
  return { cacheHit, cacheKey: lookup.cacheKey, cacheClusterId: lookup.cacheClusterId };
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
