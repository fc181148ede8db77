import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { findGraphSessions } from '../../shared/find-graph-sessions.js';
import { readStoredRun } from '../../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../../shared/testing/expected-cost.js';
import { runCodeReviewCrew } from './run-code-review-crew.js';

describe.each(testDatabases())('Code Review Crew on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('records each graph run as a session and each node as an agent, streamed and estimated calls included', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runCodeReviewCrew(obs, { pullRequests: [1412, 1418, 1423, 1430], offline: true });
    const sessionIds = await findGraphSessions(
      obs,
      'code_review',
      outcomes.map((o) => o.runId),
    );
    const { sessions, calls } = await readStoredRun(obs, sessionIds);

    expect(outcomes.map((o) => [o.pr.number, o.approved, o.error === undefined])).toEqual([
      [1412, false, true],
      [1418, true, true],
      [1423, undefined, false],
      [1430, false, true],
    ]);
    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.pr])).toEqual([
      ['code_review', true, 1412],
      ['code_review', true, 1418],
      ['code_review', false, 1423],
      ['code_review', true, 1430],
    ]);
    expect(sessions[2].error).toContain('maximum context length is 128000 tokens');
    // The customer whose pull request it is, on the session (from the graph run's metadata) and on every call.
    for (const [i, session] of sessions.entries()) {
      const { userId, tenantId, plan } = outcomes[i].customer;
      expect(session.metadata).toMatchObject({ userId, tenantId, plan });
      for (const call of calls.filter((c) => c.sessionId === session.id)) {
        expect(call.metadata, describeCall(call)).toMatchObject({ userId, tenantId, plan });
      }
    }

    // Each call is stored under the snapshot that answered; what the crew asked for is kept beside it.
    const agentsOf = (sessionId: string) =>
      calls
        .filter((c) => c.sessionId === sessionId)
        .map((c) => `${c.agentName}:${c.metadata?.requestedModel ?? c.modelName}`);
    for (const call of calls.filter((c) => c.error === null)) {
      expect(call.modelName, describeCall(call)).toMatch(/^gpt-4o(-mini)?-\d{4}-\d{2}-\d{2}$/);
    }
    const fullReview = ['Analyzer:gpt-4o-mini', 'Reviewer:gpt-4o', 'Fixer:gpt-4o'];
    expect(sessionIds.map(agentsOf)).toEqual([
      fullReview,
      ['Analyzer:gpt-4o-mini', 'Reviewer:gpt-4o'],
      ['Analyzer:gpt-4o-mini'],
      fullReview,
    ]);

    for (const call of calls) {
      expect(call.metadata?.langgraph_node, describeCall(call)).toBe(call.agentName);
      expect(call.operationName, describeCall(call)).toBe('review_pull_request');
      // Nodes of the root graph have no stored parent; a parent, when set, is a stored call of the run.
      if (call.parentId !== null) {
        expect(calls.find((c) => c.id === call.parentId)?.sessionId, describeCall(call)).toBe(call.sessionId);
      } else expect(call.metadata?.langgraphPath ?? call.agentName, describeCall(call)).toBe(call.agentName);
      if (call.error !== null) continue;
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(150);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.latencyMs, describeCall(call)).toBeGreaterThan(0);
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
      // The Reviewer and the Fixer stream; the Analyzer does not.
      if (call.agentName === 'Analyzer') expect(call.ttftMs, describeCall(call)).toBeNull();
      else {
        expect(call.ttftMs, describeCall(call)).toBeGreaterThan(0);
        expect(call.ttftMs, describeCall(call)).toBeLessThanOrEqual(call.latencyMs ?? 0);
      }
      // The Fixer's stream carries no usage: Observatory counts its tokens itself.
      expect(call.usageSource, describeCall(call)).toBe(call.agentName === 'Fixer' ? 'estimated' : 'reported');
    }
    const fixes = calls.filter((c) => c.agentName === 'Fixer');
    expect(fixes.map((c) => c.responseText?.startsWith('```diff'))).toEqual([true, true]);
    // The team guidelines open every system prompt: from the second review on they are cached.
    const analyzers = calls.filter((c) => c.agentName === 'Analyzer' && c.error === null);
    expect(analyzers.map((c) => c.cachedPromptTokens > 0)).toEqual([false, true, true]);
    // The oversized diff: the analyzer's call failed and nothing else ran.
    const failed = calls.find((c) => c.error !== null);
    expect(failed?.error).toMatch(/^BadRequestError: 400 This model's maximum context length/);
    expect([failed?.agentName, failed?.totalCost, failed?.usageSource]).toEqual(['Analyzer', 0, 'missing']);
  });
});
