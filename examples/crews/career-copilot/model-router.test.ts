import { describe, expect, it } from 'vitest';
import { fallbackRoute, routeRequest } from './model-router.js';

const SYSTEM = 'You are a career coach.';

describe('routeRequest', () => {
  it('sends routine requests to the cheap model, with the savings against the strong one', () => {
    const route = routeRequest('SalaryAdvisor', SYSTEM, 'What salary should I ask for in Berlin?');
    expect(route.target).toEqual({ vendor: 'openai', model: 'gpt-4o-mini' });
    expect(route.decision).toMatchObject({
      chosenModel: 'gpt-4o-mini',
      alternativeModels: ['claude-sonnet-4-6', 'o4-mini'],
    });
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
    expect(route.thinking).toBe(false);
  });

  it('lets Claude think first on enterprise plans, and says so', () => {
    const text = 'Write a cover letter for a Staff engineer role; this is a career change for me.';
    const enterprise = routeRequest('CoverLetterWriter', SYSTEM, text, { plan: 'enterprise' });
    const team = routeRequest('CoverLetterWriter', SYSTEM, text, { plan: 'team' });
    expect([enterprise.target.model, enterprise.thinking, team.thinking]).toEqual(['claude-sonnet-4-6', true, false]);
    expect(enterprise.decision.reasoning).toContain('with extended thinking (enterprise plan)');
  });

  it('sends analytic requests full of figures to the reasoning model, at a cost above Claude', () => {
    const text = 'Compare two offers: A pays €92,000 plus 0.1% equity at €400M; B pays €105,000 with a 10% bonus.';
    const route = routeRequest('SalaryAdvisor', SYSTEM, text, { plan: 'enterprise' });
    expect(route.target).toEqual({ vendor: 'openai', model: 'o4-mini' });
    expect(route.thinking).toBe(false);
    expect(route.decision.reasoning).toMatch(/must weigh \d+ figures, use the reasoning model$/);
    expect(route.decision.alternativeModels).toEqual(['gpt-4o-mini', 'claude-sonnet-4-6']);
    expect(route.decision.modelScores['o4-mini']).toBeGreaterThan(route.decision.modelScores['claude-sonnet-4-6']);
    // o4-mini bills ~1,100 hidden reasoning tokens as output, on top of the 300-token answer:
    // dearer than Claude's answer without thinking, so the "savings" are negative.
    const inputTokens = Math.round(SYSTEM.length / 4) + Math.round(text.length / 4);
    const claude = (inputTokens * 3 + 300 * 15) / 1e6;
    const o4mini = (inputTokens * 1.1 + (300 + 1100) * 4.4) / 1e6;
    expect(route.decision.estimatedCostSavings).toBeCloseTo(claude - o4mini, 10);
    expect(route.decision.estimatedCostSavings).toBeLessThan(0);
    // The same figures handed to a writing agent stay with Claude.
    expect(
      routeRequest('CoverLetterWriter', SYSTEM, 'Staff role: I cut costs by 22%, 14 services, 3 teams.').target.model,
    ).toBe('claude-sonnet-4-6');
  });

  it('falls back to the cheap model and says why', () => {
    const route = routeRequest('CoverLetterWriter', SYSTEM, 'Career change cover letter for a manager role, please.');
    const fallback = fallbackRoute(route, 'OverloadedError');
    expect(fallback.target.model).toBe('gpt-4o-mini');
    expect(fallback.decision.alternativeModels).toEqual(['claude-sonnet-4-6', 'o4-mini']);
    expect(fallback.decision.reasoning).toContain('fallback: claude-sonnet-4-6 failed (OverloadedError)');
  });
});
