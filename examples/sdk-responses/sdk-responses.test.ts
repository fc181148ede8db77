import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../shared/testing/expected-cost.js';
import { runSdkResponses } from './run-sdk-responses.js';

describe.each(testDatabases())('SDK responses example on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('records JSON, streamed and Responses API results of both SDKs, and their errors', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const outcomes = await runSdkResponses(obs, { seed: 2, releases: 3, offline: true });
    const { sessions, calls } = await readStoredRun(
      obs,
      outcomes.map((outcome) => outcome.sessionId),
    );

    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.version])).toEqual(
      outcomes.map((o, i) => ['release_writeup', i < 2, o.version]),
    );
    expect(sessions[2].error).toContain('overloaded_error');
    const row = (c: (typeof calls)[number]) => `${c.agentName}:${c.provider}:${c.modelName}:${c.metadata?.api}`;
    const succeeded = [
      'ChangelogWriter:openai:gpt-4o-mini-2024-07-18:chat.completions',
      'ReleaseNotesWriter:openai:gpt-4o-2024-08-06:chat.completions',
      'Announcer:openai:gpt-4o-mini-2024-07-18:responses',
      'Reviewer:anthropic:claude-sonnet-4-6:messages',
      'Translator:anthropic:claude-haiku-4-5-20251001:messages',
    ];
    expect(calls.map(row)).toEqual([
      ...succeeded,
      ...succeeded,
      'ChangelogWriter:openai:gpt-4o-mini-2024-07-18:chat.completions',
      'ReleaseNotesWriter:openai:gpt-4o:undefined',
      'ReleaseNotesWriter:anthropic:claude-haiku-4-5:undefined',
    ]);

    for (const call of calls.filter((c) => c.error === null)) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(30);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.latencyMs, describeCall(call)).toBeGreaterThan(0);
      expect(call.usageSource).toBe('reported');
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
      expect(call.prompt, describeCall(call)).toBeTruthy();
      expect(call.responseText, describeCall(call)).toBeTruthy();
    }
    // The streamed chat call: usage from the last chunk, text and finish reason from the stream.
    const notes = calls.filter((c) => c.agentName === 'ReleaseNotesWriter' && c.error === null);
    for (const call of notes) {
      expect([call.finishReason, call.responseText]).toEqual([
        'stop',
        outcomes.find((o) => o.sessionId === call.sessionId)?.notes,
      ]);
      expect(call.ttftMs).toBeGreaterThan(0);
      expect(call.ttftMs).toBeLessThan(call.latencyMs);
    }
    // The Anthropic reviewer's cached system prompt: written on the first release, read on the second.
    const reviews = calls.filter((c) => c.agentName === 'Reviewer');
    expect(reviews[0].cacheWriteTokens, describeCall(reviews[0])).toBeGreaterThan(0);
    expect(reviews[1].cachedPromptTokens, describeCall(reviews[1])).toBe(reviews[0].cacheWriteTokens);
    expect(reviews.map((c) => c.finishReason)).toEqual(['end_turn', 'end_turn']);

    // The failed release: a 429 from OpenAI, then a 529 from the Anthropic fallback.
    const [rateLimited, overloaded] = calls.filter((c) => c.error !== null);
    expect(rateLimited.error).toMatch(/^429 rate_limit_exceeded: Rate limit reached for gpt-4o/);
    expect(rateLimited.metadata).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(overloaded.error).toMatch(/^529 overloaded_error: Overloaded/);
    expect(overloaded.operationName).toBe('fallback');
    for (const failed of [rateLimited, overloaded]) {
      expect([failed.usageSource, failed.totalCost, failed.sessionId]).toEqual(['missing', 0, sessions[2].id]);
    }
  });
});
