import { describe, expect, it } from 'vitest';
import { fallbackRoute, routeRequest } from './model-router.js';

const SYSTEM = 'You are a career coach.';

describe('routeRequest', () => {
  it('sends routine requests to the cheap model, with the savings against the strong one', () => {
    const route = routeRequest('SalaryAdvisor', SYSTEM, 'What salary should I ask for in Berlin?');
    expect(route.target).toEqual({ vendor: 'openai', model: 'gpt-4o-mini' });
    expect(route.decision).toMatchObject({ chosenModel: 'gpt-4o-mini', alternativeModels: ['claude-sonnet-4-6'] });
    // ~16 input tokens and 300 expected output tokens, at list prices per million.
    const inputTokens =
      Math.round(SYSTEM.length / 4) + Math.round('What salary should I ask for in Berlin?'.length / 4);
    const strong = (inputTokens * 3 + 300 * 15) / 1e6;
    const cheap = (inputTokens * 0.15 + 300 * 0.6) / 1e6;
    expect(route.decision.estimatedCostSavings).toBeCloseTo(strong - cheap, 10);
    expect(route.decision.modelScores['gpt-4o-mini']).toBeGreaterThan(route.decision.modelScores['claude-sonnet-4-6']);
  });

  it('sends nuanced requests to the strong model', () => {
    const route = routeRequest(
      'CoverLetterWriter',
      SYSTEM,
      'Write a cover letter for a Staff engineer role; this is a career change for me.',
    );
    expect(route.target.model).toBe('claude-sonnet-4-6');
    expect(route.complexity).toBeGreaterThanOrEqual(0.65);
    expect(route.decision.reasoning).toMatch(/^complexity 0\.\d+ ≥ 0\.65/);
    expect(route.decision.estimatedCostSavings).toBe(0);
  });

  it('falls back to the cheap model and says why', () => {
    const route = routeRequest('CoverLetterWriter', SYSTEM, 'Career change cover letter for a manager role, please.');
    const fallback = fallbackRoute(route, 'OverloadedError');
    expect(fallback.target.model).toBe('gpt-4o-mini');
    expect(fallback.decision.alternativeModels).toEqual(['claude-sonnet-4-6']);
    expect(fallback.decision.reasoning).toContain('fallback: claude-sonnet-4-6 failed (OverloadedError)');
  });
});
