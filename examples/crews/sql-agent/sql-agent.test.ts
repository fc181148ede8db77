import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../../shared/read-stored-run.js';
import { describeCall, expectedCost } from '../../shared/testing/expected-cost.js';
import { createSampleDatabase } from './create-sample-database.js';
import { runSqlAgent } from './run-sql-agent.js';

describe.each(testDatabases())('SQL Agent on %s', (database) => {
  let store: TestObservatory | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it('records each tool loop as one call summed over its steps; unanswerable questions fail', async () => {
    store = await createTestObservatory({ database });
    const { obs } = store;
    const answers = await runSqlAgent(obs, {
      questions: ['top_customers', 'orders_per_quarter', 'refund_reasons'],
      offline: true,
    });
    const { sessions, calls } = await readStoredRun(
      obs,
      answers.map((a) => a.sessionId),
    );

    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.questionId])).toEqual([
      ['sql_agent', true, 'top_customers'],
      ['sql_agent', true, 'orders_per_quarter'],
      ['sql_agent', false, 'refund_reasons'],
    ]);
    expect(sessions[2].error).toContain('no such table: refunds');
    // Who asked, on the session and on its call.
    for (const [i, session] of sessions.entries()) {
      const { userId, tenantId, plan } = answers[i].customer;
      expect(session.metadata).toMatchObject({ userId, tenantId, plan });
      expect(calls[i].metadata).toMatchObject({ userId, tenantId, plan });
    }
    // One row per generateText; metadata.steps counts its model calls.
    expect(calls.map((c) => [c.agentName, c.modelName, c.metadata?.questionId, c.metadata?.steps])).toEqual([
      ['SQLAgent', 'gpt-4o-mini-2024-07-18', 'top_customers', 2],
      ['SQLAgent', 'gpt-4o-mini-2024-07-18', 'orders_per_quarter', 3],
      ['SQLAgent', 'gpt-4o-mini-2024-07-18', 'refund_reasons', 2],
    ]);
    for (const call of calls) {
      expect(call.promptTokens, describeCall(call)).toBeGreaterThan(500);
      // Every later step repeats the earlier prompt, which the provider serves from cache.
      expect(call.cachedPromptTokens, describeCall(call)).toBeGreaterThan(0);
      expect(call.completionTokens, describeCall(call)).toBeGreaterThan(20);
      expect(call.totalCost, describeCall(call)).toBeCloseTo(expectedCost(call), 12);
      expect(call.error, describeCall(call)).toBeNull();
    }
    // The first quarter query used a column that does not exist; the second one worked.
    expect(answers[1].queries).toHaveLength(2);
    expect(answers[1].queries[0]).toContain('order_date');

    // The answer quotes the real database: the top customer by paid 2025 revenue.
    const sample = await createSampleDatabase();
    const [top] = await sample.all(answers[0].question.queries[0]);
    await sample.close();
    expect(calls[0].responseText).toContain(String(top.name));
    expect(calls[0].responseText).toBe(answers[0].answer);
  });
});
