import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../shared/testing/expected-cost.js';
import { runAiSdkExample } from './run-ai-sdk-example.js';

describe.each(testDatabases())('AI SDK example on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('records generateText and streamText through onFinish, and the failed stream through onError', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runAiSdkExample(obs, { seed: 5, issues: 3, offline: true });
    const { sessions, calls } = await readStoredRun(
      obs,
      outcomes.map((outcome) => outcome.sessionId),
    );

    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.topic])).toEqual(
      outcomes.map((o, i) => ['newsletter_issue', i < 2, o.topic]),
    );
    expect(sessions[2].error).toContain('maximum context length');
    expect(calls.map((c) => `${c.agentName}:${c.provider}:${c.modelName}`)).toEqual(
      [
        ...Array(2).fill([
          'Researcher:openai:gpt-4o-mini-2024-07-18',
          'Writer:openai:gpt-4o-2024-08-06',
          'Editor:openai:gpt-4o-mini-2024-07-18',
        ]),
        'Researcher:openai:gpt-4o-mini-2024-07-18',
        'Writer:openai:gpt-4o',
      ].flat(),
    );

    for (const call of calls.filter((c) => c.error === null)) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(20);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(10);
      expect(call.latencyMs, describeCall(call)).toBeGreaterThan(0);
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
      expect(call.prompt, describeCall(call)).toBeTruthy();
      expect(call.responseText, describeCall(call)).toBeTruthy();
      expect(call.metadata?.topic).toBe(outcomes.find((o) => o.sessionId === call.sessionId)?.topic);
    }
    // The shared system prompts are read from the provider's cache after the first issue.
    const researchers = calls.filter((c) => c.agentName === 'Researcher');
    expect(researchers.map((c) => c.cachedPromptTokens > 0)).toEqual([false, true, true]);
    const writers = calls.filter((c) => c.agentName === 'Writer');
    expect(writers[1].cachedPromptTokens).toBeGreaterThan(0);
    // streamText with the spread hook: a time to first token below the latency.
    expect(writers[0].ttftMs).toBeGreaterThan(0);
    expect(writers[0].ttftMs).toBeLessThan(writers[0].latencyMs);
    // The editor's structured output is stored as its response.
    const editor = calls.find((c) => c.agentName === 'Editor');
    expect(JSON.parse(editor?.responseText ?? '{}')).toHaveProperty('headline');

    const failed = writers[2];
    expect(failed.error).toContain('maximum context length is 128000 tokens');
    expect([failed.finishReason, failed.totalCost]).toEqual(['error', 0]);
  });
});
