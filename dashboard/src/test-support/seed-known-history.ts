import type { Observatory } from '@observatory/core';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "Now" for tests: Tuesday 2026-01-20 12:30 UTC. Days before it are closed, 12:00–13:00 is the live hour. */
export const T_NOW = Date.UTC(2026, 0, 20, 12, 30);
const TODAY = Date.UTC(2026, 0, 20);

export const XSS_PROMPT = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> What is my plan limit?';

/** Dollars of each seeded call, priced by hand from the price table (see the comments). */
export const COST = {
  // gpt-4o: $2.50/M input, $10/M output
  c1: (1000 * 2.5 + 200 * 10) / 1e6,
  c2: 0,
  // claude-sonnet-4-5: $3/M input, $0.30/M cache read, $15/M output; 500 of 2000 input cached
  c3: (1500 * 3 + 500 * 0.3 + 300 * 15) / 1e6,
  // gpt-4o-mini: $0.15/M input, $0.60/M output
  c4: (500 * 0.15 + 100 * 0.6) / 1e6,
  c5: (1200 * 2.5 + 300 * 10) / 1e6,
  c6: (300 * 0.15 + 20 * 0.6) / 1e6,
  c7: (800 * 2.5 + 100 * 10) / 1e6,
  c8: (100 * 2.5 + 10 * 10) / 1e6,
};

export const ALPHA_COST = COST.c1 + COST.c2 + COST.c3 + COST.c4 + COST.c5 + COST.c6 + COST.c7;

const judged = (judgeScore: number, extra: Record<string, unknown> = {}) => ({
  judgeScore,
  hallucinationFlag: false,
  factualError: false,
  suggestions: [],
  ...extra,
});

/**
 * A small, fully known history on two projects ('alpha' is `obs`, 'beta' is `beta`):
 * closed days, a closed hour of today and the live hour; cache, routing, judge verdicts,
 * prompt variants, an error and a prompt holding HTML.
 */
export async function seedKnownHistory(obs: Observatory, beta: Observatory): Promise<void> {
  const at = (ms: number) => new Date(ms);
  const review = obs.startSession('code_review');
  const write = obs.startSession('writing');
  const calls = [
    {
      timestamp: at(TODAY - 3 * DAY + 10 * HOUR),
      provider: 'openai',
      modelName: 'gpt-4o',
      agentName: 'Reviewer',
      operationName: 'review',
      promptTokens: 1000,
      completionTokens: 200,
      latencyMs: 800,
      prompt: 'How do I reset my password? The reset link in my email has expired.',
      cacheMetadata: { cacheHit: false, cacheKey: 'pw', cacheClusterId: 'password' },
      qualityEvaluation: judged(8),
      metadata: { promptId: 'support', promptVariant: 'A' },
    },
    {
      timestamp: at(TODAY - 3 * DAY + 10 * HOUR + 5 * 60_000),
      provider: 'openai',
      modelName: 'gpt-4o',
      agentName: 'Reviewer',
      operationName: 'review',
      promptTokens: 0,
      completionTokens: 0,
      latencyMs: 5,
      prompt: 'How do I reset my password? The reset link in my email has expired!',
      cacheMetadata: { cacheHit: true, cacheKey: 'pw', cacheClusterId: 'password' },
    },
    {
      timestamp: at(TODAY - 2 * DAY + 14 * HOUR),
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
      agentName: 'Writer',
      operationName: 'write',
      promptTokens: 2000,
      cachedPromptTokens: 500,
      completionTokens: 300,
      latencyMs: 2400,
      prompt: 'Write a briefing on GPU prices.',
      qualityEvaluation: judged(9),
      metadata: { promptId: 'support', promptVariant: 'B' },
      routingDecision: {
        chosenModel: 'claude-sonnet-4-5',
        alternativeModels: ['gpt-4o-mini'],
        modelScores: { 'claude-sonnet-4-5': 0.9, 'gpt-4o-mini': 0.4 },
        reasoning: 'hard request',
        estimatedCostSavings: 0,
      },
    },
    {
      timestamp: at(TODAY - 2 * DAY + 15 * HOUR),
      provider: 'openai',
      modelName: 'gpt-4o-mini',
      agentName: 'Reviewer',
      operationName: 'review',
      promptTokens: 500,
      completionTokens: 100,
      latencyMs: 30_000,
      error: 'APITimeoutError: Request timed out.',
      prompt: 'Review this diff.',
      routingDecision: {
        chosenModel: 'gpt-4o-mini',
        alternativeModels: ['gpt-4o'],
        modelScores: { 'gpt-4o-mini': 0.8, 'gpt-4o': 0.7 },
        reasoning: 'simple request',
        estimatedCostSavings: 0.004,
      },
    },
    {
      timestamp: at(TODAY - DAY + 9 * HOUR),
      provider: 'openai',
      modelName: 'gpt-4o',
      agentName: 'Reviewer',
      operationName: 'review',
      promptTokens: 1200,
      completionTokens: 300,
      latencyMs: 1500,
      prompt: 'Review the payment retry logic.',
      qualityEvaluation: judged(6, { hallucinationFlag: true, errorCategory: 'hallucination' }),
      metadata: { promptId: 'support', promptVariant: 'A' },
    },
    {
      timestamp: at(TODAY + 11 * HOUR),
      provider: 'openai',
      modelName: 'gpt-4o-mini',
      agentName: 'Triage',
      operationName: 'classify',
      promptTokens: 300,
      completionTokens: 20,
      latencyMs: 400,
      prompt: 'Classify this ticket.',
      qualityEvaluation: judged(7),
      metadata: { promptId: 'support', promptVariant: 'B' },
    },
    {
      timestamp: at(TODAY + 12 * HOUR + 10 * 60_000),
      provider: 'openai',
      modelName: 'gpt-4o',
      agentName: 'Reviewer',
      operationName: 'review',
      promptTokens: 800,
      completionTokens: 100,
      latencyMs: 900,
      prompt: XSS_PROMPT,
      responseText: '<b>bold?</b>',
      qualityEvaluation: judged(8.5),
      metadata: { promptId: 'support', promptVariant: 'A' },
    },
  ];
  calls.forEach((call, i) => {
    obs.recordCall({ ...call, sessionId: i === 2 ? write.id : review.id });
  });
  await obs.endSession(review, { success: false, error: 'timeout' });
  await obs.endSession(write, { success: true });
  beta.recordCall({
    timestamp: at(TODAY - 2 * DAY + 8 * HOUR),
    provider: 'openai',
    modelName: 'gpt-4o',
    agentName: 'Helper',
    promptTokens: 100,
    completionTokens: 10,
    latencyMs: 300,
  });
  await obs.flush();
  await beta.flush();
  await obs.storage.alignSessionTimes();
}
