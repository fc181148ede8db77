import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../shared/testing/expected-cost.js';
import { runManualSessions } from './run-manual-sessions.js';

describe.each(testDatabases())('manual sessions example on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('stores the four patterns: direct calls, a workflow that succeeds or fails, nodes, multi-agent', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const result = await runManualSessions(obs, { seed: 4, offline: true });
    const { sessions, calls } = await readStoredRun(obs, result.sessionIds);
    const sessionOf = (id: string) => sessions.find((s) => s.id === id);
    const callsOf = (sessionId: string) => calls.filter((c) => c.sessionId === sessionId);

    for (const call of calls.filter((c) => c.error === null)) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(20);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.latencyMs, describeCall(call)).toBeGreaterThan(0);
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
    }

    // 1. Direct recordCall: no session named, so both joined the implicit session.
    expect(result.directCalls).toHaveLength(2);
    const direct = callsOf(result.directCalls[0].sessionId);
    expect(direct.map((c) => [c.agentName, c.operationName, c.modelName])).toEqual(
      Array(2).fill(['EmailClassifier', 'classify_email', 'gpt-4o-mini-2024-07-18']),
    );
    expect(sessionOf(result.directCalls[0].sessionId)?.operationType).toBe('implicit');

    // 2. Session workflow: two contracts succeed, the third fails on an overloaded provider.
    expect(result.contracts.map((c) => [c.documentId, sessionOf(c.sessionId)?.success])).toEqual([
      ['DOC-101', true],
      ['DOC-102', true],
      ['DOC-103', false],
    ]);
    expect(sessionOf(result.contracts[2].sessionId)?.error).toContain('overloaded_error');
    const summaries = calls.filter((c) => c.agentName === 'Summarizer');
    expect(summaries.map((c) => [c.provider, c.modelName])).toEqual(Array(3).fill(['anthropic', 'claude-sonnet-4-6']));
    // Anthropic's input_tokens exclude the cache parts; the stored prompt tokens include them.
    expect(summaries[0].cacheWriteTokens, describeCall(summaries[0])).toBeGreaterThan(0);
    expect(summaries[1].cachedPromptTokens, describeCall(summaries[1])).toBe(summaries[0].cacheWriteTokens);
    expect(summaries[1].promptTokens).toBeGreaterThan(summaries[1].cachedPromptTokens);
    expect(summaries[2].error).toMatch(/^OverloadedError: 529 .*overloaded_error/);
    expect([summaries[2].usageSource, summaries[2].totalCost]).toEqual(['missing', 0]);
    expect(callsOf(result.contracts[2].sessionId).map((c) => c.agentName)).toEqual(['Extractor', 'Summarizer']);

    // 3. Framework nodes: each model call under its node's name; the retrieve node made none.
    const wiki = callsOf(result.wikiSessionId);
    expect(wiki.map((c) => [c.agentName, c.operationName, c.metadata?.step])).toEqual([
      ['rewrite_query', 'node:rewrite_query', 1],
      ['grade_passages', 'node:grade_passages', 3],
      ['answer', 'node:answer', 4],
    ]);
    expect(sessionOf(result.wikiSessionId)).toMatchObject({ operationType: 'wiki_question', success: true });

    // 4. Multi-agent: a planner, three researchers and a writer, linked to the planner's call.
    for (const sessionId of result.researchSessionIds) {
      const run = callsOf(sessionId);
      const planner = run.find((c) => c.agentName === 'Planner');
      expect(sessionOf(sessionId)).toMatchObject({ operationType: 'market_research', success: true, totalLlmCalls: 5 });
      expect(run.map((c) => c.agentName).sort()).toEqual(
        ['CompetitorResearcher', 'MarketResearcher', 'Planner', 'PricingResearcher', 'Writer'].sort(),
      );
      expect(run.filter((c) => c !== planner).map((c) => c.parentId)).toEqual(Array(4).fill(planner?.id));
      expect(run.map((c) => c.metadata?.agentRole).sort()).toEqual(
        ['planner', 'researcher', 'researcher', 'researcher', 'writer'].sort(),
      );
    }
  });
});
