import { describe, expect, it } from 'vitest';
import { buildModelCatalog } from './model-catalog.js';
import { recommendSavings, type UsageCell } from './recommend-savings.js';

const catalog = buildModelCatalog();
const cell = (overrides: Partial<UsageCell>): UsageCell => ({
  agent: 'Reviewer',
  model: 'gpt-4o',
  provider: 'openai',
  totalCalls: 1000,
  promptTokens: 1_000_000,
  completionTokens: 200_000,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  totalCost: (1_000_000 * 2.5 + 200_000 * 10) / 1e6,
  judgedCalls: 0,
  avgJudgeScore: null,
  ...overrides,
});

describe('recommendSavings', () => {
  it("compares an agent's own judge scores per model before the project's", () => {
    // Across the project the cheap model scores far lower (it also serves harder agents),
    // but on this agent's own calls it scores as well: the switch is suggested for it.
    const coach = cell({ agent: 'Coach', model: 'gpt-4o', judgedCalls: 400, avgJudgeScore: 9.3 });
    const coachOnMini = cell({
      agent: 'Coach',
      model: 'gpt-4o-mini',
      totalCalls: 500,
      totalCost: 0.2,
      judgedCalls: 500,
      avgJudgeScore: 9.2,
    });
    const [switchModel] = recommendSavings(
      [coach, coachOnMini],
      [
        { model: 'gpt-4o', provider: 'openai', judgedCalls: 900, avgJudgeScore: 8.6 },
        { model: 'gpt-4o-mini', provider: 'openai', judgedCalls: 2000, avgJudgeScore: 6.7 },
      ],
      catalog,
      30,
    ).filter((r) => r.kind === 'switch_model');
    expect(switchModel.title).toBe('Run Coach on gpt-4o-mini instead of gpt-4o');
    expect(switchModel.detail).toMatch(
      /^On Coach's own judged calls, gpt-4o-mini scores 9\.20 \(n=500\) vs 9\.30 \(n=400\)/,
    );
  });

  it('suggests a cheaper model the judge scores as well, with the repriced monthly saving', () => {
    const recommendations = recommendSavings(
      [cell({})],
      [
        { model: 'gpt-4o', provider: 'openai', judgedCalls: 200, avgJudgeScore: 8.0 },
        { model: 'gpt-4o-mini', provider: 'openai', judgedCalls: 150, avgJudgeScore: 7.8 },
        { model: 'gpt-4.1-nano', provider: 'openai', judgedCalls: 150, avgJudgeScore: 6.0 },
      ],
      catalog,
      15,
    );
    const [switchModel] = recommendations.filter((r) => r.kind === 'switch_model');
    // gpt-4o-mini: $0.15/M input, $0.60/M output; over 15 days, doubled for 30.
    const mini = (1_000_000 * 0.15 + 200_000 * 0.6) / 1e6;
    expect(switchModel.scenario).toEqual({
      agent: 'Reviewer',
      model: 'gpt-4o',
      target: 'gpt-4o-mini',
      targetProvider: 'openai',
    });
    expect(switchModel.monthlySavings).toBeCloseTo((4.5 - mini) * 2, 9);
  });

  it('does not suggest a model that scores clearly worse or has too few judged calls', () => {
    const recommendations = recommendSavings(
      [cell({})],
      [
        { model: 'gpt-4o', provider: 'openai', judgedCalls: 200, avgJudgeScore: 8.0 },
        { model: 'gpt-4o-mini', provider: 'openai', judgedCalls: 10, avgJudgeScore: 9 },
        { model: 'gpt-4.1-nano', provider: 'openai', judgedCalls: 150, avgJudgeScore: 7.5 },
      ],
      catalog,
      30,
    );
    expect(recommendations.filter((r) => r.kind === 'switch_model')).toEqual([]);
  });

  it('suggests prompt caching for long uncached prompts', () => {
    const long = cell({ model: 'claude-sonnet-4-5', provider: 'anthropic', promptTokens: 5_000_000, totalCost: 20 });
    const [recommendation] = recommendSavings([long], [], catalog, 30);
    expect(recommendation.kind).toBe('prompt_cache');
    // Half of 5M input moves from $3/M to the $0.30/M cache-read price.
    expect(recommendation.monthlySavings).toBeCloseTo((2_500_000 * (3 - 0.3)) / 1e6, 6);
  });
});
