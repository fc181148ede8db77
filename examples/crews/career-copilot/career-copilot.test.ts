import type { LLMCall } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../../shared/testing/expected-cost.js';
import { runCareerCopilot } from './run-career-copilot.js';

describe.each(testDatabases())('Career Copilot on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('records routing decisions, cache lookups, judge verdicts and prompt variants', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runCareerCopilot(obs, {
      seed: 1,
      conversations: ['maya-senior-data', 'omar-backend-to-pm', 'lena-frontend-lisbon', 'raj-sre-interview'],
      offline: true,
    });
    const { sessions, calls } = await readStoredRun(
      obs,
      outcomes.map((o) => o.sessionId),
    );

    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.user])).toEqual([
      ['career_copilot', true, 'maya'],
      ['career_copilot', true, 'omar'],
      ['career_copilot', false, 'lena'],
      ['career_copilot', true, 'raj'],
    ]);
    expect(sessions[2].error).toBe('quality gate: the judge flagged the SalaryAdvisor answer');

    const judges = calls.filter((c) => c.agentName === 'Judge');
    const hits = calls.filter((c) => c.cacheMetadata?.cacheHit === true);
    const failures = calls.filter((c) => c.error !== null);
    const answers = calls.filter((c) => !judges.includes(c) && !hits.includes(c) && !failures.includes(c));
    const show = (list: LLMCall[]) => list.map(describeCall).join('\n');

    for (const call of [...answers, ...judges]) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(40);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
      expect(call.metadata?.promptId, describeCall(call)).toBeTruthy();
    }

    // Routing: every fresh answer carries the router's decision for the model that answered.
    for (const call of answers) {
      const decision = call.routingDecision;
      expect(decision, describeCall(call)).not.toBeNull();
      expect(call.modelName.startsWith(decision?.chosenModel ?? '?'), describeCall(call)).toBe(true);
      expect(decision?.alternativeModels).toHaveLength(1);
      expect(Object.keys(decision?.modelScores ?? {}).sort()).toEqual(['claude-sonnet-4-6', 'gpt-4o-mini']);
      if (decision?.chosenModel === 'gpt-4o-mini' && !decision.reasoning.startsWith('fallback')) {
        expect(decision.estimatedCostSavings, describeCall(call)).toBeGreaterThan(0);
      }
    }
    expect(new Set(answers.map((c) => c.routingDecision?.chosenModel))).toEqual(
      new Set(['gpt-4o-mini', 'claude-sonnet-4-6']),
    );
    // The strong model was overloaded once: the failed call, then the cheap model's answer.
    expect(failures.map((c) => [c.agentName, c.provider, c.routingDecision?.chosenModel])).toEqual([
      ['CoverLetterWriter', 'anthropic', 'claude-sonnet-4-6'],
    ]);
    expect(failures[0].error).toMatch(/^529 overloaded_error/);
    const fallback = answers.find((c) => c.routingDecision?.reasoning.startsWith('fallback'));
    expect(fallback?.sessionId).toBe(failures[0].sessionId);

    // Cache: three repeats were served from the copilot's cache, with zero tokens and cost.
    expect(hits.map((c) => [c.agentName, c.promptTokens, c.completionTokens, c.totalCost])).toEqual([
      ['ResumeReviewer', 0, 0, 0],
      ['ResumeReviewer', 0, 0, 0],
      ['SalaryAdvisor', 0, 0, 0],
    ]);
    for (const hit of hits) {
      const origin = answers.find((c) => c.cacheMetadata?.cacheKey === hit.cacheMetadata?.cacheKey);
      expect(origin, show(answers)).toBeDefined();
      expect(origin?.cacheMetadata?.cacheHit).toBe(false);
      expect(hit.metadata?.answeredBy).toBe(origin?.id);
    }

    // Judge: one verdict per fresh answer, on the answer; the judge's own call points to it.
    expect(judges).toHaveLength(answers.length);
    for (const call of answers) {
      const verdict = call.qualityEvaluation;
      expect(verdict?.judgeScore, describeCall(call)).toBeGreaterThanOrEqual(0);
      expect(verdict?.judgeScore, describeCall(call)).toBeLessThanOrEqual(10);
      const [judge] = judges.filter((j) => j.parentId === call.id);
      expect(judge?.metadata?.promptVariant, describeCall(call)).toBeUndefined();
      expect(judge?.metadata?.evaluatedPromptVariant).toBe(call.metadata?.promptVariant);
    }
    const flagged = answers.filter((c) => c.qualityEvaluation?.hallucinationFlag);
    expect(flagged.map((c) => [c.agentName, c.qualityEvaluation?.errorCategory])).toEqual([
      ['SalaryAdvisor', 'hallucinated_source'],
    ]);

    // A/B: both variants of the tested prompts ran, and B (structured) scores higher on average.
    const tested = answers.filter((c) => c.metadata?.promptVariant !== undefined);
    const mean = (variant: string) => {
      const scores = tested
        .filter((c) => c.metadata?.promptVariant === variant)
        .map((c) => c.qualityEvaluation?.judgeScore ?? 0);
      return scores.reduce((sum, s) => sum + s, 0) / scores.length;
    };
    expect(new Set(tested.map((c) => c.metadata?.promptVariant))).toEqual(new Set(['A', 'B']));
    expect(new Set(tested.map((c) => c.metadata?.promptId))).toEqual(new Set(['resume_review', 'cover_letter']));
    expect(mean('B'), show(tested)).toBeGreaterThan(mean('A'));
  });
});
