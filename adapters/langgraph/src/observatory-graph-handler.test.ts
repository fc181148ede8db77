import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { DynamicTool } from '@langchain/core/tools';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { LLMCall, Observatory, Session } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { unregisterObservatoryHandler } from '@observatory/langchain';
import { FakeUsageChatModel } from '@observatory/langchain/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObservatoryGraphHandler } from './observatory-graph-handler.js';
import { registerObservatoryGraphHandler } from './register-observatory-graph-handler.js';

const State = Annotation.Root({ text: Annotation<string> });
type StateValue = typeof State.State;

/** gpt-4o usage of each node's call: (input, cached input, output). */
const usageOf = {
  planner: { input_tokens: 1000, output_tokens: 100, total_tokens: 1100, input_token_details: { cache_read: 200 } },
  analyst: { input_tokens: 500, output_tokens: 50, total_tokens: 550 },
  writer: { input_tokens: 300, output_tokens: 200, total_tokens: 500 },
};
const costOf = {
  planner: (800 * 2.5 + 200 * 1.25 + 100 * 10) / 1e6,
  analyst: (500 * 2.5 + 50 * 10) / 1e6,
  writer: (300 * 2.5 + 200 * 10) / 1e6,
};

function gpt4o(node: keyof typeof usageOf, options: { error?: Error; sleep?: number } = {}) {
  return new FakeUsageChatModel({
    responses: [`[${node}]`],
    model: 'gpt-4o',
    lsProvider: 'openai',
    usage: usageOf[node],
    ...options,
  });
}

/** A node that asks its model about the state so far and appends the answer. */
function modelNode(model: FakeUsageChatModel) {
  return async (state: StateValue) => ({ text: state.text + String((await model.invoke(state.text)).content) });
}

/** planner → research (a subgraph: analyst) → writer. */
function buildGraph(
  models: { planner?: FakeUsageChatModel; analyst?: FakeUsageChatModel; writer?: FakeUsageChatModel } = {},
) {
  const research = new StateGraph(State)
    .addNode('analyst', modelNode(models.analyst ?? gpt4o('analyst')))
    .addEdge(START, 'analyst')
    .addEdge('analyst', END)
    .compile({ name: 'research' });
  return new StateGraph(State)
    .addNode('planner', modelNode(models.planner ?? gpt4o('planner')))
    .addNode('research', research)
    .addNode('writer', modelNode(models.writer ?? gpt4o('writer')))
    .addEdge(START, 'planner')
    .addEdge('planner', 'research')
    .addEdge('research', 'writer')
    .addEdge('writer', END)
    .compile({ name: 'support_flow' });
}

interface Stored {
  sessions: Session[];
  calls: LLMCall[];
}

async function stored(obs: Observatory): Promise<Stored> {
  await awaitAllCallbacks();
  await obs.flush();
  const sessions = await obs.storage.getSessions({ projectName: obs.projectName });
  const calls = await obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' });
  return { sessions, calls };
}

/** Chain runs as LangChain reports them (runtime argument order), to check parent ids against. */
function chainRunRecorder() {
  const runs: { runId: string; parentRunId?: string; runName?: string }[] = [];
  const recorder = BaseCallbackHandler.fromMethods({
    handleChainStart(
      _chain,
      _inputs,
      runId,
      parentRunId?: string,
      _tags?: string[],
      _metadata?: unknown,
      _type?: string,
      runName?: string,
    ) {
      runs.push({ runId, parentRunId, runName });
    },
  });
  recorder.awaitHandlers = true;
  return { recorder, runs };
}

describe.each(testDatabases())('ObservatoryGraphHandler on %s', (database) => {
  let t: TestObservatory;
  let adapterErrors: unknown[];
  let handler: ObservatoryGraphHandler;

  beforeEach(async () => {
    t = await createTestObservatory({ database });
    adapterErrors = [];
    handler = new ObservatoryGraphHandler(t.obs, { onError: (error) => adapterErrors.push(error) });
  });

  afterEach(async () => {
    expect(adapterErrors).toEqual([]);
    await t.cleanup();
  });

  it('records a graph run as one successful session whose calls are named after their nodes', async () => {
    const result = await buildGraph().invoke(
      { text: 'Customer asks for a refund.' },
      { callbacks: [handler], configurable: { thread_id: 'thread-42' } },
    );

    const { sessions, calls } = await stored(t.obs);
    expect(result.text).toBe('Customer asks for a refund.[planner][analyst][writer]');
    expect(sessions.map((s) => [s.operationType, s.success])).toEqual([['support_flow', true]]);
    const [session] = sessions;
    expect(session.metadata).toMatchObject({ thread_id: 'thread-42' });
    expect(session.endTime).not.toBeNull();
    expect(calls.map((c) => [c.agentName, c.sessionId])).toEqual([
      ['planner', session.id],
      ['analyst', session.id],
      ['writer', session.id],
    ]);
    expect(calls.map((c) => [c.metadata?.langgraph_step, c.metadata?.thread_id])).toEqual([
      [1, 'thread-42'],
      [1, 'thread-42'],
      [3, 'thread-42'],
    ]);
    for (const call of calls) expect(call.totalCost).toBeCloseTo(costOf[call.agentName as keyof typeof costOf], 12);
    expect(session.totalLlmCalls).toBe(3);
    expect(session.totalCost).toBeCloseTo(costOf.planner + costOf.analyst + costOf.writer, 12);
  });

  it('names the session after runName when given', async () => {
    await buildGraph().invoke({ text: 'x' }, { callbacks: [handler], runName: 'refund_review' });

    const { sessions } = await stored(t.obs);
    expect(sessions.map((s) => s.operationType)).toEqual(['refund_review']);
  });

  it('keeps each call’s parent run id, down into subgraphs, and records no chain run as a call', async () => {
    const { recorder, runs } = chainRunRecorder();
    await buildGraph().invoke({ text: 'x' }, { callbacks: [handler, recorder] });

    const { calls } = await stored(t.obs);
    const runIdOf = (name: string) => runs.filter((r) => r.runName === name).map((r) => r.runId);
    const [analystRun] = runIdOf('analyst');
    const subgraphRun = runs.find((r) => r.runId === runs.find((x) => x.runId === analystRun)?.parentRunId);
    expect(subgraphRun?.runName).toBe('research');
    expect(calls.map((c) => [c.agentName, c.parentId])).toEqual([
      ['planner', runIdOf('planner')[0]],
      ['analyst', analystRun],
      ['writer', runIdOf('writer')[0]],
    ]);
    expect(runs.length).toBeGreaterThan(calls.length);
  });

  it('ends the session as a failure when a node throws, and the graph throws exactly that error', async () => {
    const failure = new Error('refund service unavailable');
    const graph = new StateGraph(State)
      .addNode('planner', modelNode(gpt4o('planner')))
      .addNode('refund', async () => {
        throw failure;
      })
      .addEdge(START, 'planner')
      .addEdge('planner', 'refund')
      .addEdge('refund', END)
      .compile();

    await expect(graph.invoke({ text: 'x' }, { callbacks: [handler] })).rejects.toBe(failure);

    const { sessions, calls } = await stored(t.obs);
    expect(sessions.map((s) => [s.operationType, s.success, s.error])).toEqual([
      ['LangGraph', false, 'refund service unavailable'],
    ]);
    expect(calls.map((c) => [c.agentName, c.sessionId, c.error])).toEqual([['planner', sessions[0].id, null]]);
  });

  it('records a failing model call as an error call of its node', async () => {
    const failure = new Error('429 Too Many Requests');
    const graph = buildGraph({ writer: gpt4o('writer', { error: failure }) });

    await expect(graph.invoke({ text: 'x' }, { callbacks: [handler] })).rejects.toBe(failure);

    const { sessions, calls } = await stored(t.obs);
    expect(sessions.map((s) => s.success)).toEqual([false]);
    expect(calls.map((c) => [c.agentName, c.error, c.usageSource])).toEqual([
      ['planner', null, 'reported'],
      ['analyst', null, 'reported'],
      ['writer', 'Error: 429 Too Many Requests', 'missing'],
    ]);
  });

  it('puts a model call made inside a tool inside a node into the graph run, as that node', async () => {
    const lookup = new DynamicTool({
      name: 'lookup_order',
      description: 'Look an order up',
      func: async (input) => String((await gpt4o('analyst').invoke(`Find ${input}`)).content),
    });
    const graph = new StateGraph(State)
      .addNode('support', async (state: StateValue) => ({ text: state.text + (await lookup.invoke('#48213')) }))
      .addEdge(START, 'support')
      .addEdge('support', END)
      .compile();
    await graph.invoke({ text: 'x' }, { callbacks: [handler] });

    const { sessions, calls } = await stored(t.obs);
    expect(calls.map((c) => [c.agentName, c.sessionId, c.prompt])).toEqual([
      ['support', sessions[0].id, 'Human: Find #48213'],
    ]);
  });

  it('keeps concurrent graph runs in separate sessions', async () => {
    const graph = buildGraph();
    await Promise.all([
      graph.invoke({ text: 'a' }, { callbacks: [handler], configurable: { thread_id: 'A' } }),
      graph.invoke({ text: 'b' }, { callbacks: [handler], configurable: { thread_id: 'B' } }),
    ]);

    const { sessions, calls } = await stored(t.obs);
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      const threadId = session.metadata?.thread_id;
      const own = calls.filter((c) => c.sessionId === session.id);
      expect(own.map((c) => c.metadata?.thread_id)).toEqual([threadId, threadId, threadId]);
    }
  });

  it('measures time to first token when the graph streams messages', async () => {
    const graph = buildGraph({ planner: gpt4o('planner', { sleep: 10 }) });
    for await (const _chunk of await graph.stream({ text: 'x' }, { callbacks: [handler], streamMode: 'messages' })) {
      // drain
    }

    const { calls } = await stored(t.obs);
    const planner = calls.find((c) => c.agentName === 'planner');
    expect(planner?.ttftMs).toBeGreaterThanOrEqual(8);
    expect(planner).toMatchObject({ responseText: '[planner]', promptTokens: 1000, usageSource: 'reported' });
  });

  it('records graph runs app-wide when registered, with no callbacks passed', async () => {
    registerObservatoryGraphHandler(t.obs, { onError: (error) => adapterErrors.push(error) });
    try {
      await buildGraph().invoke({ text: 'x' }, { configurable: { thread_id: 'global' } });
    } finally {
      unregisterObservatoryHandler();
    }

    const { sessions, calls } = await stored(t.obs);
    expect(sessions.map((s) => [s.operationType, s.success, s.metadata?.thread_id])).toEqual([
      ['support_flow', true, 'global'],
    ]);
    expect(calls.map((c) => c.agentName)).toEqual(['planner', 'analyst', 'writer']);
  });

  it('keeps no state once graph runs end or fail', async () => {
    await buildGraph().invoke({ text: 'x' }, { callbacks: [handler] });
    await buildGraph({ analyst: gpt4o('analyst', { error: new Error('boom') }) })
      .invoke({ text: 'x' }, { callbacks: [handler] })
      .catch(() => undefined);
    await awaitAllCallbacks();

    const state = handler as unknown as { graphRuns: Map<string, unknown>; modelRuns: Map<string, unknown> };
    expect([state.graphRuns.size, state.modelRuns.size]).toEqual([0, 0]);
  });
});

describe.each(testDatabases())('ObservatoryGraphHandler never changes what the user gets, on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(() => t.cleanup());

  it('returns an identical result, and throws the identical error, when the handler fails inside', async () => {
    const adapterErrors: unknown[] = [];
    // A closed strict observatory throws from startSession and recordCall.
    await t.obs.close();
    const handler = new ObservatoryGraphHandler(t.obs, { onError: (e) => adapterErrors.push(e) });

    const without = await buildGraph().invoke({ text: 'x' });
    const withHandler = await buildGraph().invoke({ text: 'x' }, { callbacks: [handler] });
    expect(withHandler).toEqual(without);
    expect(adapterErrors.length).toBeGreaterThan(0);

    const failure = new Error('boom');
    await expect(buildGraph({ writer: gpt4o('writer', { error: failure }) }).invoke({ text: 'x' })).rejects.toBe(
      failure,
    );
    await expect(
      buildGraph({ writer: gpt4o('writer', { error: failure }) }).invoke({ text: 'x' }, { callbacks: [handler] }),
    ).rejects.toBe(failure);
  });
});
