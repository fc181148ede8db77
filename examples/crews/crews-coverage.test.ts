import type { LLMCall, Session } from '@observatory/core';
import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREWS } from '../demo/demo-crews.js';
import { describeCall } from '../shared/testing/expected-cost.js';
import { createSampleDatabase } from './sql-agent/create-sample-database.js';

/** Calls each crew makes before the store is read: enough for the rarer cases to occur. */
const CALLS_PER_CREW = { 'crew-career-copilot': 600, 'crew-code-review': 200, 'crew-sql-agent': 120 };

/**
 * The crews, run as the demo runs them (examples/demo/demo-crews.ts: offline models, no
 * waiting, the copilot's providers failing now and then), must fill every column the
 * dashboard shows. Everything is read back from the store.
 */
describe('the crews as the demo runs them', () => {
  const stores: TestObservatory[] = [];
  const calls: LLMCall[] = [];
  const sessions: Session[] = [];

  beforeAll(async () => {
    const database = await createSampleDatabase();
    try {
      let seed = 1;
      for (const crew of DEMO_CREWS) {
        // Each crew in its own project, as in the demo.
        const store = await createTestObservatory({ projectName: crew.project });
        stores.push(store);
        const budget = CALLS_PER_CREW[crew.project as keyof typeof CALLS_PER_CREW];
        while (store.obs.stats().recorded < budget) await crew.run(store.obs, seed++, database);
        await store.obs.flush();
        calls.push(...(await store.obs.storage.getLlmCalls({ limit: 100_000, order: 'asc' })));
        sessions.push(...(await store.obs.storage.getSessions({ limit: 100_000 })));
      }
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const store of stores) await store.cleanup();
  });

  const where = (predicate: (call: LLMCall) => boolean) => calls.filter(predicate);
  const show = (list: LLMCall[]) => list.slice(0, 8).map(describeCall).join('\n');

  it('records nothing Observatory rejects', () => {
    expect(stores.flatMap((store) => store.errors)).toEqual([]);
    expect(calls.length).toBeGreaterThanOrEqual(920);
  });

  it('streams with a time to first token through the OpenAI SDK, the Anthropic SDK and LangChain', () => {
    const streamed = where((c) => c.ttftMs !== null);
    const sources = new Set(streamed.map((c) => `${c.projectName}/${c.provider}`));
    expect(sources, show(streamed)).toEqual(
      new Set(['crew-career-copilot/openai', 'crew-career-copilot/anthropic', 'crew-code-review/openai']),
    );
    for (const call of streamed) expect(call.ttftMs, describeCall(call)).toBeLessThanOrEqual(call.latencyMs ?? 0);
  });

  it('holds reasoning tokens from an OpenAI reasoning model and from Claude extended thinking', () => {
    const reasoned = where((c) => c.reasoningTokens > 0);
    expect(new Set(reasoned.map((c) => c.modelName)), show(reasoned)).toEqual(
      new Set(['o4-mini-2025-04-16', 'claude-sonnet-4-6']),
    );
    for (const call of reasoned) expect(call.reasoningTokens, describeCall(call)).toBeLessThan(call.completionTokens);
  });

  it('holds calls whose provider sent no usage, with tokens Observatory estimated', () => {
    const estimated = where((c) => c.usageSource === 'estimated');
    expect(new Set(estimated.map((c) => `${c.projectName}/${c.agentName}`))).toEqual(
      new Set(['crew-code-review/Fixer']),
    );
    for (const call of estimated) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(100);
      expect(call.totalCost, describeCall(call)).toBeGreaterThan(0);
    }
  });

  it('holds prompt-cache reads in every project, cache writes, and Anthropic 1-hour cache writes', () => {
    for (const project of DEMO_CREWS.map((crew) => crew.project)) {
      expect(where((c) => c.projectName === project && c.cachedPromptTokens > 0).length, project).toBeGreaterThan(0);
    }
    const hourWrites = where((c) => c.cacheWrite1hTokens > 0);
    expect(hourWrites.length).toBeGreaterThan(0);
    for (const call of hourWrites) {
      expect([call.provider, call.cacheWrite1hTokens <= call.cacheWriteTokens]).toEqual(['anthropic', true]);
    }
  });

  it('holds tool loops, rate limits, server errors and overloads, each failure without usage', () => {
    expect(where((c) => Number(c.metadata?.steps) > 1).length).toBeGreaterThan(0);
    const failures = where((c) => c.error !== null);
    // The HTTP status in the error text, else the error's name (a timeout has no status).
    const kinds = new Set(failures.map((c) => /\b\d{3}\b/.exec(c.error ?? '')?.[0] ?? c.error?.split(':')[0]));
    // (Timeouts are rarer, 0.3% of the copilot's requests: career-copilot.test.ts forces them.)
    for (const kind of ['400', '429', '529']) expect(kinds, show(failures)).toContain(kind);
    expect(
      [...kinds].some((s) => s === '500' || s === '503'),
      show(failures),
    ).toBe(true);
    for (const call of failures) expect([call.usageSource, call.totalCost], describeCall(call)).toEqual(['missing', 0]);
    // The copilot retried: failed tries are numbered.
    expect(failures.some((c) => c.metadata?.attempt === 1)).toBe(true);
  });

  it('tags every session and call with a user and a tenant, skewed so a few cost far more', () => {
    for (const record of [...sessions, ...calls]) {
      expect(record.metadata, JSON.stringify(record.metadata)).toMatchObject({
        userId: expect.stringMatching(/^[a-z]+@[a-z]+\.example$/),
        tenantId: expect.any(String),
        plan: expect.stringMatching(/^(enterprise|team|starter)$/),
      });
    }
    const costBy = (key: 'userId' | 'tenantId') => {
      const totals = new Map<string, number>();
      for (const call of calls) {
        const id = String(call.metadata?.[key]);
        totals.set(id, (totals.get(id) ?? 0) + call.totalCost);
      }
      return [...totals.values()].sort((a, b) => b - a);
    };
    const tenants = costBy('tenantId');
    const users = costBy('userId');
    expect(tenants.length).toBe(5);
    expect(users.length).toBeGreaterThan(20);
    expect(tenants[0]).toBeGreaterThan(tenants[tenants.length - 1] * 4);
    expect(users[0]).toBeGreaterThan(users[users.length - 1] * 10);
  });
});
