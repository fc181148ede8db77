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

  it('records routing decisions, cache lookups, judge verdicts, prompt variants, streams, reasoning and customers', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runCareerCopilot(obs, {
      seed: 1,
      conversations: [
        'maya-senior-data',
        'omar-backend-to-pm',
        'lena-frontend-lisbon',
        'raj-sre-interview',
        'ines-two-offers',
      ],
      offline: true,
    });
    const { sessions, calls } = await readStoredRun(
      obs,
      outcomes.map((o) => o.sessionId),
    );

    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.conversationId])).toEqual([
      ['career_copilot', true, 'maya-senior-data'],
      ['career_copilot', true, 'omar-backend-to-pm'],
      ['career_copilot', false, 'lena-frontend-lisbon'],
      ['career_copilot', true, 'raj-sre-interview'],
      ['career_copilot', true, 'ines-two-offers'],
    ]);
    expect(sessions[2].error).toBe('quality gate: the judge flagged the SalaryAdvisor answer');

    // Customers: each session, and every call in it, carries whose it is.
    for (const [i, session] of sessions.entries()) {
      const { userId, tenantId, plan } = outcomes[i].customer;
      expect(session.metadata).toMatchObject({ userId, tenantId, plan });
      for (const call of calls.filter((c) => c.sessionId === session.id)) {
        expect(call.metadata, describeCall(call)).toMatchObject({ userId, tenantId, plan });
      }
    }

    const judges = calls.filter((c) => c.agentName === 'Judge');
    const hits = calls.filter((c) => c.cacheMetadata?.cacheHit === true);
    const failures = calls.filter((c) => c.error !== null);
    const answers = calls.filter((c) => !judges.includes(c) && !hits.includes(c) && !failures.includes(c));
    const show = (list: LLMCall[]) => list.map(describeCall).join('\n');

    for (const call of [...answers, ...judges]) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(40);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.usageSource, describeCall(call)).toBe('reported');
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
      expect(call.metadata?.promptId, describeCall(call)).toBeTruthy();
    }

    // Routing: every fresh answer carries the router's decision for the model that answered.
    for (const call of answers) {
      const decision = call.routingDecision;
      expect(decision, describeCall(call)).not.toBeNull();
      expect(call.modelName.startsWith(decision?.chosenModel ?? '?'), describeCall(call)).toBe(true);
      expect(decision?.alternativeModels).toHaveLength(2);
      expect(Object.keys(decision?.modelScores ?? {}).sort()).toEqual(['claude-sonnet-4-6', 'gpt-4o-mini', 'o4-mini']);
      if (decision?.chosenModel === 'gpt-4o-mini' && !decision.reasoning.startsWith('fallback')) {
        expect(decision.estimatedCostSavings, describeCall(call)).toBeGreaterThan(0);
      }
    }
    expect(new Set(answers.map((c) => c.routingDecision?.chosenModel))).toEqual(
      new Set(['gpt-4o-mini', 'claude-sonnet-4-6', 'o4-mini']),
    );
    // The strong model was overloaded once: the failed call, then the cheap model's answer.
    expect(failures.map((c) => [c.agentName, c.provider, c.routingDecision?.chosenModel, c.metadata?.attempt])).toEqual(
      [['CoverLetterWriter', 'anthropic', 'claude-sonnet-4-6', 1]],
    );
    expect(failures[0].error).toMatch(/^529 overloaded_error/);
    expect(failures[0].usageSource).toBe('missing');
    const fallback = answers.find((c) => c.routingDecision?.reasoning.startsWith('fallback'));
    expect(fallback?.sessionId).toBe(failures[0].sessionId);

    // Cache: three repeats were served from the copilot's cache, with zero tokens and cost,
    // under the model name of the answer they repeat.
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
      expect(hit.modelName).toBe(origin?.modelName);
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

    // Streams: cover letters and interview prep are streamed from either vendor, with the
    // time to first token inside the call's latency; the other answers are not.
    const streamed = answers.filter((c) => ['CoverLetterWriter', 'InterviewCoach'].includes(c.agentName ?? ''));
    expect(new Set(streamed.map((c) => c.provider)), show(streamed)).toEqual(new Set(['openai', 'anthropic']));
    for (const call of streamed) {
      expect(call.ttftMs, describeCall(call)).toBeGreaterThan(0);
      expect(call.ttftMs, describeCall(call)).toBeLessThan(call.latencyMs ?? 0);
      expect(call.finishReason, describeCall(call)).toMatch(/^(stop|end_turn)$/);
      expect(call.responseText, describeCall(call)).toBeTruthy();
    }
    expect(answers.filter((c) => !streamed.includes(c)).every((c) => c.ttftMs === null)).toBe(true);

    // Reasoning: o4-mini's hidden reasoning tokens, and Claude's thinking on enterprise plans
    // only, both counted inside the output tokens.
    const reasoned = answers.filter((c) => c.reasoningTokens > 0);
    expect(reasoned.length, show(answers)).toBeGreaterThanOrEqual(2);
    for (const call of answers) {
      const thinks =
        call.modelName.startsWith('o4-mini') || (call.provider === 'anthropic' && call.metadata?.plan === 'enterprise');
      expect(call.reasoningTokens > 0, describeCall(call)).toBe(thinks);
      expect(call.reasoningTokens, describeCall(call)).toBeLessThan(call.completionTokens);
    }
    expect(new Set(reasoned.map((c) => c.provider))).toEqual(new Set(['openai', 'anthropic']));

    // Anthropic caches the stable system prompts for an hour: the write is kept apart (and priced at 2× input).
    const hourWrites = calls.filter((c) => c.cacheWrite1hTokens > 0);
    expect(
      hourWrites.map((c) => [c.agentName, c.provider]),
      show(answers),
    ).toEqual([['InterviewCoach', 'anthropic']]);
    expect(hourWrites[0].cacheWrite1hTokens).toBe(hourWrites[0].cacheWriteTokens);
    // Prompts under A/B test are cached for 5 minutes.
    const claudeLetters = answers.filter((c) => c.provider === 'anthropic' && c.agentName === 'CoverLetterWriter');
    expect(claudeLetters.some((c) => c.cacheWriteTokens > 0 && c.cacheWrite1hTokens === 0)).toBe(true);
  });

  it('retries rate limits, server errors and timeouts itself, and records every failed try', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runCareerCopilot(obs, {
      seed: 4,
      count: 8,
      offline: true,
      timeScale: 0,
      incidents: { rateLimited: 0.12, serverError: 0.06, overloaded: 0.06, stalled: 0.06 },
    });
    const { calls } = await readStoredRun(
      obs,
      outcomes.map((o) => o.sessionId),
    );
    const failures = calls.filter((c) => c.error !== null);
    const show = () => failures.map(describeCall).join('\n');
    const kinds = new Set(
      failures.map((c) => /^(429|500|503|529)|APIConnectionTimeoutError/.exec(c.error ?? '')?.[0] ?? c.error),
    );
    expect(kinds, show()).toEqual(new Set(['429', '500', '503', '529', 'APIConnectionTimeoutError']));
    for (const failure of failures) {
      expect([failure.usageSource, failure.totalCost, failure.promptTokens], describeCall(failure)).toEqual([
        'missing',
        0,
        0,
      ]);
      expect(failure.metadata?.attempt, describeCall(failure)).toBeGreaterThanOrEqual(1);
      expect(failure.metadata?.errorName, describeCall(failure)).toBeTruthy();
    }
    const timeout = failures.find((c) => c.error?.startsWith('APIConnectionTimeoutError'));
    expect(timeout?.error).toBe('APIConnectionTimeoutError: Request timed out.');
    expect(timeout?.metadata?.timeoutMs).toBe(timeout?.agentName === 'Judge' ? 20_000 : 30_000);
    // Every failed try is one recorded call; some requests failed, were retried on the same
    // model and then answered.
    const requests = outcomes.flatMap((o) => o.requests);
    expect(requests.reduce((sum, r) => sum + r.failedAttempts, 0)).toBe(failures.length);
    expect(requests.some((r) => r.failedAttempts > 0 && !r.fellBack && r.model !== undefined)).toBe(true);
    expect(Math.max(...failures.map((c) => Number(c.metadata?.attempt)))).toBeLessThanOrEqual(3);
  });
});
