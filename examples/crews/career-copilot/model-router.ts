import { priceCall, type RoutingDecision } from '@observatory/core';
import { countTokens } from '../../shared/count-tokens.js';
import type { Plan } from '../../shared/customers.js';
import type { CopilotAgent } from './career-prompts.js';

/** A model the router can send a request to. */
export interface RouteTarget {
  vendor: 'openai' | 'anthropic';
  model: string;
}

export const CHEAP_MODEL: RouteTarget = { vendor: 'openai', model: 'gpt-4o-mini' };
export const STRONG_MODEL: RouteTarget = { vendor: 'anthropic', model: 'claude-sonnet-4-6' };
/** For requests that need arithmetic over the user's numbers: an OpenAI reasoning model. */
export const REASONING_MODEL: RouteTarget = { vendor: 'openai', model: 'o4-mini' };
const TARGETS = [CHEAP_MODEL, STRONG_MODEL, REASONING_MODEL];

/** Claude's extended-thinking budget on enterprise plans (tokens; at least 1,024, below max_tokens). */
export const THINKING_BUDGET_TOKENS = 2048;

/** Where a request goes, and the decision as Observatory records it. */
export interface Route {
  target: RouteTarget;
  decision: RoutingDecision;
  /** 0..1: how demanding the router judged the request. */
  complexity: number;
  /** Claude thinks before answering (extended thinking, enterprise plans). */
  thinking: boolean;
}

/** How demanding each agent's task is before looking at the request itself. */
const BASE_COMPLEXITY: Record<CopilotAgent, number> = {
  CoverLetterWriter: 0.62,
  InterviewCoach: 0.5,
  JobMatcher: 0.45,
  ResumeReviewer: 0.4,
  SalaryAdvisor: 0.3,
};
/** Agents whose answers are judgements over the user's numbers, when the request gives some. */
const ANALYTIC_AGENTS = new Set<CopilotAgent>(['JobMatcher', 'SalaryAdvisor']);
/** Requests at or above this complexity go to a strong model. */
const THRESHOLD = 0.65;
/** Expected visible answer length, for the cost estimate. */
const EXPECTED_OUTPUT_TOKENS = 300;
/** Expected hidden reasoning of o4-mini at medium effort, billed as output. */
const EXPECTED_REASONING_TOKENS = 1100;

/**
 * The copilot's own router (Observatory only records its decision): a complexity score from
 * the agent's task, the request's length and words that signal nuance (career changes,
 * negotiation, senior titles). Routine requests go to the cheap model. Demanding ones go to
 * Claude, which thinks first on enterprise plans — or, when an analytic agent is handed
 * several figures to weigh, to the o4-mini reasoning model. The decision carries the
 * dollars each choice saves against Claude (negative when it costs more).
 */
export function routeRequest(agent: CopilotAgent, system: string, text: string, options: { plan?: Plan } = {}): Route {
  const words = text.split(/\s+/).length;
  const nuance = /career change|negotiat|staff|principal|manager|compare/i.test(text) ? 0.15 : 0;
  const figures = text.match(/\d[\d,.]*/g)?.length ?? 0;
  const quantitative = ANALYTIC_AGENTS.has(agent) && figures >= 3;
  const complexity = round(
    Math.min(1, BASE_COMPLEXITY[agent] + Math.min(0.2, words / 250) + nuance + (quantitative ? 0.2 : 0)),
  );
  const demanding = complexity >= THRESHOLD;
  const target = !demanding ? CHEAP_MODEL : quantitative ? REASONING_MODEL : STRONG_MODEL;
  const thinking = target === STRONG_MODEL && options.plan === 'enterprise';
  const inputTokens = countTokens(system) + countTokens(text);
  const reasoning = !demanding
    ? `complexity ${complexity} < ${THRESHOLD}: ${agent} is routine, the cheap model is enough`
    : quantitative
      ? `complexity ${complexity} ≥ ${THRESHOLD}: ${agent} must weigh ${figures} figures, use the reasoning model`
      : `complexity ${complexity} ≥ ${THRESHOLD}: ${agent} needs nuance, use the strong model${thinking ? ' with extended thinking (enterprise plan)' : ''}`;
  return {
    target,
    complexity,
    thinking,
    decision: {
      chosenModel: target.model,
      alternativeModels: TARGETS.filter((t) => t !== target).map((t) => t.model),
      modelScores: {
        [CHEAP_MODEL.model]: round(1 - complexity * 0.7),
        [STRONG_MODEL.model]: round(0.45 + complexity * 0.5 - (quantitative ? 0.1 : 0)),
        [REASONING_MODEL.model]: round(0.35 + complexity * 0.4 + (quantitative ? 0.25 : 0)),
      },
      reasoning,
      // Negative when the choice costs more than Claude would: o4-mini's hidden reasoning
      // is billed as output, so its accuracy on arithmetic is bought, not saved.
      estimatedCostSavings:
        estimateCost(STRONG_MODEL, inputTokens, thinking) - estimateCost(target, inputTokens, thinking),
    },
  };
}

/** The chosen model failed: send the request to the cheap one and say why. */
export function fallbackRoute(route: Route, reason: string): Route {
  return {
    target: CHEAP_MODEL,
    complexity: route.complexity,
    thinking: false,
    decision: {
      chosenModel: CHEAP_MODEL.model,
      alternativeModels: TARGETS.filter((t) => t !== CHEAP_MODEL).map((t) => t.model),
      modelScores: route.decision.modelScores,
      reasoning: `fallback: ${route.target.model} failed (${reason}); complexity ${route.complexity}`,
      estimatedCostSavings: 0,
    },
  };
}

/** What a request should cost on `target`, from core's prices: reasoning and thinking are billed as output. */
function estimateCost(target: RouteTarget, inputTokens: number, thinking: boolean): number {
  const hidden =
    target === REASONING_MODEL
      ? EXPECTED_REASONING_TOKENS
      : target === STRONG_MODEL && thinking
        ? THINKING_BUDGET_TOKENS / 2
        : 0;
  return priceCall(target.vendor, target.model, {
    promptTokens: inputTokens,
    completionTokens: EXPECTED_OUTPUT_TOKENS + hidden,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
  }).totalCost;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
