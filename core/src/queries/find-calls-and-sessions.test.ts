import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObservatoryValidationError } from '../observatory-error.js';
import { buildAgentGraph } from '../session-agent-graph.js';
import { SESSION_STEP_COLUMNS } from '../store/call-index-columns.js';
import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '../test/index.js';

const T0 = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;

describe.each(testDatabases())('finding calls and sessions on %s', (database) => {
  let t: TestObservatory;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestObservatory({ database });
    const obs = t.obs;
    // research: a supervisor handing to two workers and back (a loop), 5 calls over 4 minutes.
    const research = obs.startSession('research', { userId: 42, tenant: 'acme' });
    ids.research = research.id;
    const steps: Array<[string, string, number]> = [
      ['supervisor', 'Plan the quarterly report on zebra migration', 0],
      ['researcher', 'Find sources about zebra herds', 1],
      ['supervisor', 'Decide the next worker', 2],
      ['writer', 'Write the report', 3],
      ['supervisor', 'Finish', 4],
    ];
    let planId: string | undefined;
    for (const [agentName, prompt, minute] of steps) {
      const call = obs.recordCall(
        makeCall({
          sessionId: research.id,
          // The researcher works under the supervisor's plan (a stored parent).
          parentId: agentName === 'researcher' ? planId : undefined,
          agentName,
          prompt,
          timestamp: new Date(T0 + minute * MINUTE),
          latencyMs: 1000,
          promptTokens: 100,
          completionTokens: 10,
          metadata: { userId: 42 },
        }),
      );
      planId ??= call?.id;
    }
    await obs.endSession(research, { success: true });
    // billing: one failed, expensive call.
    const billing = obs.startSession('billing', { userId: '7' });
    ids.billing = billing.id;
    obs.recordCall(
      makeCall({
        sessionId: billing.id,
        agentName: 'biller',
        modelName: 'gpt-4.1',
        prompt: 'Charge the customer',
        responseText: 'Gateway timeout near zebra crossing',
        timestamp: new Date(T0 + 60 * MINUTE),
        promptTokens: 100_000,
        completionTokens: 1000,
        error: 'timeout',
        metadata: { userId: '7', flagged: true },
      }),
    );
    await obs.endSession(billing, { success: false, error: 'timeout' });
    // cancelled and open sessions, one call each.
    const cancelled = obs.startSession('research');
    ids.cancelled = cancelled.id;
    obs.recordCall(makeCall({ sessionId: cancelled.id, timestamp: new Date(T0 + 120 * MINUTE) }));
    await obs.endSession(cancelled, { cancelled: true });
    const open = obs.startSession('chat');
    ids.open = open.id;
    obs.recordCall(makeCall({ sessionId: open.id, timestamp: new Date(T0 + 180 * MINUTE) }));
    await obs.flush();
    await obs.storage.alignSessionTimes();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('pages calls by keyset: every call once, in order, until nextCursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await t.obs.storage.findCalls({ limit: 3, cursor, order: 'asc' });
      seen.push(...page.items.map((call) => call.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    const all = await t.obs.storage.getLlmCalls({ order: 'asc', limit: 100 });
    expect(seen).toEqual(all.map((call) => call.id));
    expect(all).toHaveLength(8);
  });

  it('filters calls by cost, latency, metadata and words of the prompt or response', async () => {
    const storage = t.obs.storage;
    const expensive = await storage.getLlmCalls({ minCost: 0.1 });
    expect(expensive.map((call) => call.agentName)).toEqual(['biller']);
    expect(await storage.countLlmCalls({ metadata: { key: 'userId', value: '42' } })).toBe(5);
    expect(await storage.countLlmCalls({ metadata: { key: 'userId', value: '7' } })).toBe(1);
    expect(await storage.countLlmCalls({ metadata: { key: 'flagged', value: 'true' } })).toBe(1);
    // Unindexed calls are found by scanning; after indexing, by the index: the same answer.
    expect((await storage.getLlmCalls({ text: 'ZEBRA' })).map((call) => call.agentName).sort()).toEqual([
      'biller',
      'researcher',
      'supervisor',
    ]);
    expect(await storage.indexCallText()).toBe(database === 'sqlite' ? 8 : 0);
    expect(await storage.indexCallText()).toBe(0);
    expect(await storage.countLlmCalls({ text: 'zebra herds' })).toBe(1);
    expect(await storage.countLlmCalls({ text: 'zebra' })).toBe(3);
    expect(await storage.countLlmCalls({ text: 'zebra', hasError: true })).toBe(1);
    expect(await storage.countLlmCalls({ text: 'giraffe' })).toBe(0);
  });

  it('refuses a filter it cannot use, naming the field', async () => {
    const storage = t.obs.storage;
    await expect(storage.findCalls({ cursor: 'nonsense' })).rejects.toThrow(/cursor/);
    await expect(storage.findCalls({ text: '  ?! ' })).rejects.toThrow(ObservatoryValidationError);
    await expect(storage.findCalls({ metadata: { key: "x'); drop", value: '1' } })).rejects.toThrow(/metadata\.key/);
    await expect(storage.findCalls({ minCost: Number.NaN })).rejects.toThrow(/minCost/);
    await expect(storage.findSessions({ status: 'done' as never })).rejects.toThrow(/status/);
    await expect(storage.findSessions({ sort: 'name' as never })).rejects.toThrow(/sort/);
  });

  it('filters sessions by status, agent, model, cost, duration, metadata and text', async () => {
    const find = async (query: Parameters<typeof t.obs.storage.findSessions>[0]) =>
      (await t.obs.storage.findSessions(query)).items.map((session) => session.id).sort();
    expect(await find({ status: 'success' })).toEqual([ids.research]);
    expect(await find({ status: 'failed' })).toEqual([ids.billing]);
    expect(await find({ status: 'cancelled' })).toEqual([ids.cancelled]);
    expect(await find({ status: 'open' })).toEqual([ids.open]);
    // A rare agent's sessions are looked up by its calls; a common one's by walking the list.
    expect(await find({ agentName: 'writer' })).toEqual([ids.research]);
    expect(await find({ agentName: 'supervisor' })).toEqual([ids.research]);
    expect(await find({ modelName: 'gpt-4.1' })).toEqual([ids.billing]);
    expect(await find({ modelName: 'gpt-4o' })).toEqual([ids.cancelled, ids.open, ids.research].sort());
    expect(await find({ modelName: 'gpt-4o', sort: 'cost', limit: 1 })).toHaveLength(1);
    // No call has it (here, or in that project): nothing to walk.
    expect(await find({ agentName: 'nobody' })).toEqual([]);
    expect(await find({ agentName: 'writer', projectName: 'another-project' })).toEqual([]);
    expect(await find({ minCost: 0.1 })).toEqual([ids.billing]);
    // research runs from its first call to its last: 4 minutes.
    expect(await find({ minDurationMs: 3 * MINUTE })).toEqual([ids.research]);
    expect(await find({ minDurationMs: 3 * MINUTE, maxDurationMs: 5 * MINUTE, operationType: 'research' })).toEqual([
      ids.research,
    ]);
    expect(await find({ metadata: { key: 'userId', value: '42' } })).toEqual([ids.research]);
    expect(await find({ metadata: { key: 'tenant', value: 'acme' } })).toEqual([ids.research]);
    expect(await find({ text: 'zebra' })).toEqual([ids.billing, ids.research].sort());
  });

  it('sorts sessions by cost, calls and duration and pages each sort by keyset', async () => {
    for (const sort of ['start', 'cost', 'calls', 'duration'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const whole = (await t.obs.storage.findSessions({ sort, order })).items.map((session) => session.id);
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await t.obs.storage.findSessions({ sort, order, limit: 1, cursor });
          paged.push(...page.items.map((session) => session.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, `${sort} ${order}`).toEqual(whole);
      }
    }
    const byCost = await t.obs.storage.findSessions({ sort: 'cost' });
    expect(byCost.items[0].id).toBe(ids.billing);
    const byCalls = await t.obs.storage.findSessions({ sort: 'calls' });
    expect(byCalls.items[0].id).toBe(ids.research);
  });

  it('summarizes the listed sessions’ calls: agents, models, token parts, failed calls', async () => {
    const summaries = await t.obs.storage.summarizeSessionCalls([ids.research, ids.billing]);
    expect(summaries.get(ids.research)).toMatchObject({
      agents: ['researcher', 'supervisor', 'writer'],
      models: ['gpt-4o'],
      promptTokens: 500,
      completionTokens: 50,
      errorCalls: 0,
    });
    expect(summaries.get(ids.billing)).toMatchObject({ agents: ['biller'], errorCalls: 1, promptTokens: 100_000 });
  });

  it('builds the agent graph of a session from all its steps, loops included', async () => {
    const steps = await t.obs.storage.getSessionSteps(ids.research);
    expect(steps.map((step) => step.agentName)).toEqual([
      'supervisor',
      'researcher',
      'supervisor',
      'writer',
      'supervisor',
    ]);
    expect(steps[0]).toMatchObject({ promptTokens: 100, completionTokens: 10, latencyMs: 1000, failed: false });
    expect(steps.map((step) => step.parentId)).toEqual([null, steps[0].id, null, null, null]);
    const graph = buildAgentGraph(steps);
    expect(graph.nodes.find((node) => node.agentName === 'supervisor')).toMatchObject({ calls: 3 });
    const edges = Object.fromEntries(graph.edges.map((edge) => [`${edge.from}>${edge.to}`, edge.count]));
    expect(edges).toEqual({
      'supervisor>researcher': 1,
      'researcher>supervisor': 1,
      'supervisor>writer': 1,
      'writer>supervisor': 1,
    });
  });

  it.runIf(database === 'sqlite')(
    'reads a session steps in time order from the index of calls by session, sorting only ties',
    async () => {
      const knex = (await t.obs.storage.store()).em.getKnex();
      const plan = await knex.raw(
        `explain query plan ${knex('llm_calls')
          .select(...SESSION_STEP_COLUMNS)
          .where('session_id', ids.research)
          .orderBy(['timestamp', 'id'])
          .toString()}`,
      );
      const details = plan.map((row: { detail: string }) => row.detail).join('; ');
      expect(details).toMatch(/USING INDEX llm_calls_session_time_idx \(session_id=\?\)/);
      expect(details).toMatch(/TEMP B-TREE FOR RIGHT PART OF ORDER BY/);
    },
  );

  it('streams exactly the filtered set for export', async () => {
    const streamed: string[] = [];
    for await (const call of t.obs.storage.streamLlmCalls({ text: 'zebra', pageSize: 1 })) streamed.push(call.id);
    expect(streamed).toHaveLength(3);
    const sessions: string[] = [];
    for await (const session of t.obs.storage.streamSessions({ operationType: 'research', pageSize: 1 })) {
      sessions.push(session.id);
    }
    expect(sessions.sort()).toEqual([ids.research, ids.cancelled].sort());
  });

  it('refreshes planner statistics outside any transaction (PostgreSQL VACUUM refuses one)', async () => {
    await expect(t.obs.storage.refreshStatistics()).resolves.toBeUndefined();
    expect(await t.obs.storage.countLlmCalls({})).toBe(8);
  });

  it('takes deleted calls out of the text index', async () => {
    await t.obs.storage.indexCallText();
    const result = await t.obs.storage.deleteSessionsBefore(new Date(T0 + 90 * MINUTE));
    expect(result.sessions).toBe(2);
    expect(await t.obs.storage.countLlmCalls({ text: 'zebra' })).toBe(0);
    expect(await t.obs.storage.countLlmCalls({})).toBe(2);
  });
});
