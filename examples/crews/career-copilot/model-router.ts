import { priceCall, type RoutingDecision } from '@observatory/core';
import { countTokens } from '../../shared/count-tokens.js';
import type { CopilotAgent } from './career-prompts.js';

/** A model the router can send a request to. */
export interface RouteTarget {
  vendor: 'openai' | 'anthropic';
  model: string;
}

export const CHEAP_MODEL: RouteTarget = { vendor: 'openai', model: 'gpt-4o-mini' };
export const STRONG_MODEL: RouteTarget = { vendor: 'anthropic', model: 'claude-sonnet-4-6' };

/** Where a request goes, and the decision as Observatory records it. */
export interface Route {
  target: RouteTarget;
  decision: RoutingDecision;
  /** 0..1: how demanding the router judged the request. */
  complexity: number;
}

/** How demanding each agent's task is before looking at the request itself. */
const BASE_COMPLEXITY: Record<CopilotAgent, number> = {
  CoverLetterWriter: 0.62,
  InterviewCoach: 0.5,
  JobMatcher: 0.45,
  ResumeReviewer: 0.4,
  SalaryAdvisor: 0.3,
};
/** Requests at or above this complexity go to the strong model. */
const THRESHOLD = 0.65;
/** Expected answer length, for the cost estimate. */
const EXPECTED_OUTPUT_TOKENS = 300;

/**
 * The copilot's own router (Observatory only records its decision): a complexity score from
 * the agent's task, the request's length and words that signal nuance (career changes,
 * negotiation, senior titles). Complex requests go to the strong model; the rest to the
 * cheap one, with the dollars that saves against the strong model.
 */
export function routeRequest(agent: CopilotAgent, system: string, text: string): Route {
  const words = text.split(/\s+/).length;
  const nuance = /career change|negotiat|staff|principal|manager|compare/i.test(text) ? 0.15 : 0;
  const complexity = round(Math.min(1, BASE_COMPLEXITY[agent] + Math.min(0.2, words / 250) + nuance));
  const strong = complexity >= THRESHOLD;
  const target = strong ? STRONG_MODEL : CHEAP_MODEL;
  const alternative = strong ? CHEAP_MODEL : STRONG_MODEL;
  const inputTokens = countTokens(system) + countTokens(text);
  return {
    target,
    complexity,
    decision: {
      chosenModel: target.model,
      alternativeModels: [alternative.model],
      modelScores: {
        [CHEAP_MODEL.model]: round(1 - complexity * 0.7),
        [STRONG_MODEL.model]: round(0.45 + complexity * 0.5),
      },
      reasoning: strong
        ? `complexity ${complexity} ≥ ${THRESHOLD}: ${agent} needs nuance, use the strong model`
        : `complexity ${complexity} < ${THRESHOLD}: ${agent} is routine, the cheap model is enough`,
      estimatedCostSavings: strong ? 0 : estimateCost(alternative, inputTokens) - estimateCost(target, inputTokens),
    },
  };
}

/** The strong model failed: send the request to the cheap one and say why. */
export function fallbackRoute(route: Route, reason: string): Route {
  return {
    target: CHEAP_MODEL,
    complexity: route.complexity,
    decision: {
      chosenModel: CHEAP_MODEL.model,
      alternativeModels: [route.target.model],
      modelScores: route.decision.modelScores,
      reasoning: `fallback: ${route.target.model} failed (${reason}); complexity ${route.complexity}`,
      estimatedCostSavings: 0,
    },
  };
}

function estimateCost(target: RouteTarget, inputTokens: number): number {
  return priceCall(target.vendor, target.model, {
    promptTokens: inputTokens,
    completionTokens: EXPECTED_OUTPUT_TOKENS,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
  }).totalCost;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
