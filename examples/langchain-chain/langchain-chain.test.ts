import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../shared/testing/expected-cost.js';
import { runLangChainChain } from './run-langchain-chain.js';

describe.each(testDatabases())('LangChain chain example on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('stores a session per ticket: triage and reply calls, the rate-limited one failed', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runLangChainChain(obs, { seed: 3, tickets: 4, offline: true });
    const { sessions, calls } = await readStoredRun(
      obs,
      outcomes.map((outcome) => outcome.sessionId),
    );

    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.ticketId])).toEqual(
      outcomes.map((o, i) => ['support_ticket', i < 3, o.ticket.id]),
    );
    expect(sessions[3].error).toContain('429 Rate limit reached');
    // Stored under the snapshot that answered; what was asked for is kept beside it.
    expect(calls.map((c) => `${c.agentName}:${c.metadata?.requestedModel ?? c.modelName}:${c.operationName}`)).toEqual(
      Array(4).fill(['Triage:gpt-4o-mini:triage_ticket', 'Responder:gpt-4o:draft_reply']).flat(),
    );
    for (const call of calls.filter((c) => c.error === null)) {
      expect(call.modelName, describeCall(call)).toMatch(/^gpt-4o(-mini)?-\d{4}-\d{2}-\d{2}$/);
    }

    const succeeded = calls.filter((c) => c.error === null);
    for (const call of succeeded) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(100);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.latencyMs, describeCall(call)).toBeGreaterThan(0);
      expect(call.usageSource).toBe('reported');
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
    }
    // Prompt lengths differ per ticket, and the repeated system prompts are read from cache.
    const triage = calls.filter((c) => c.agentName === 'Triage');
    expect(new Set(triage.map((c) => c.promptTokens)).size).toBeGreaterThan(1);
    expect(triage.map((c) => c.cachedPromptTokens > 0)).toEqual([false, true, true, true]);
    // The second ticket's reply was streamed: it has a time to first token.
    const replies = calls.filter((c) => c.agentName === 'Responder');
    expect(replies.map((c) => c.ttftMs !== null)).toEqual([false, true, false, false]);
    expect(replies[1].ttftMs).toBeLessThanOrEqual(replies[1].latencyMs);

    const failed = replies[3];
    expect(failed.error).toMatch(/^RateLimitError: 429 Rate limit reached for gpt-4o/);
    expect([failed.usageSource, failed.totalCost, failed.promptTokens]).toEqual(['missing', 0, 0]);
    expect(failed.prompt).toContain(outcomes[3].ticket.question);
  });

  it('varies with the seed', async () => {
    store = await createTestObservatory({ database });
    const first = await runLangChainChain(store.obs, { seed: 1, tickets: 3, offline: true });
    const second = await runLangChainChain(store.obs, { seed: 2, tickets: 3, offline: true });
    expect(first.map((o) => o.ticket.id)).not.toEqual(second.map((o) => o.ticket.id));
  });
});
