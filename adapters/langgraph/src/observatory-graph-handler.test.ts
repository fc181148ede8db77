import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import type { RunnableConfig } from '@langchain/core/runnables';
import { DynamicTool } from '@langchain/core/tools';
import { Annotation, END, MessagesAnnotation, Send, START, StateGraph } from '@langchain/langgraph';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import type { LLMCall, Observatory, Session } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { unregisterObservatoryHandler } from '@observatory/langchain';
import { FakeUsageChatModel } from '@observatory/langchain/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ObservatoryGraphHandler } from './observatory-graph-handler.js';
import { registerObservatoryGraphHandler } from './register-observatory-graph-handler.js';
import { ScriptedToolChatModel, type ScriptedTurn } from './test-support/scripted-tool-chat-model.js';

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

function gpt4o(node: keyof typeof usageOf, options: { error?: Error; sleep?: number; responses?: string[] } = {}) {
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

/**
 * planner → (research, once per topic through `Send` (a subgraph: prepare, then analyst),
 * and summarizer, in the same step) → writer. The summarizer's call ends while the research
 * subgraphs prepare, before their analysts call.
 */
function buildFanOutGraph() {
  // Parallel tasks write `text` in the same step, so it needs a reducer.
  const FanOutState = Annotation.Root({ text: Annotation<string>({ reducer: (a, b) => a + b, default: () => '' }) });
  const ask = (model: FakeUsageChatModel) => async (state: { text: string }) => ({
    text: String((await model.invoke(state.text)).content),
  });
  const research = new StateGraph(FanOutState)
    .addNode('prepare', () => new Promise<{ text: string }>((resolve) => setTimeout(() => resolve({ text: '' }), 30)))
    .addNode('analyst', ask(gpt4o('analyst')))
    .addEdge(START, 'prepare')
    .addEdge('prepare', 'analyst')
    .addEdge('analyst', END)
    .compile({ name: 'research' });
  return new StateGraph(FanOutState)
    .addNode('planner', ask(gpt4o('planner')))
    .addNode('research', research)
    .addNode('summarizer', ask(gpt4o('writer')))
    .addNode('writer', ask(gpt4o('writer')))
    .addEdge(START, 'planner')
    .addConditionalEdges(
      'planner',
      () => [...['refunds', 'shipping'].map((topic) => new Send('research', { text: topic })), 'summarizer'],
      ['research', 'summarizer'],
    )
    .addEdge(['research', 'summarizer'], 'writer')
    .addEdge('writer', END)
    .compile({ name: 'fan_out' });
}

const TeamState = Annotation.Root({ ...MessagesAnnotation.spec, next: Annotation<string> });

const webSearch = new DynamicTool({
  name: 'web_search',
  description: 'Search the web',
  func: async (query) => `Refunds are accepted within 30 days (${query}).`,
});

/** A `createReactAgent` worker answering from a script, on gpt-4o with the usage of `usage`. */
function worker(name: string, usage: keyof typeof usageOf, turns: ScriptedTurn[]) {
  const llm = new ScriptedToolChatModel(turns, { model: 'gpt-4o', lsProvider: 'openai', usage: usageOf[usage] });
  return createReactAgent({ llm, tools: [webSearch], name });
}

/**
 * The supervisor pattern: a supervisor node asks its model which worker goes next
 * (researcher, then writer, then FINISH); each worker is a `createReactAgent` added as a
 * node, so every worker call runs in the worker's inner node `agent`. The researcher calls
 * `web_search` once before answering. `beforeWriter` runs in the supervisor node when it
 * has chosen the writer.
 */
function buildTeam(options: { beforeWriter?: (config: RunnableConfig) => void } = {}) {
  const supervisor = gpt4o('planner', { responses: ['researcher', 'writer', 'FINISH'] });
  const researcher = worker('researcher', 'analyst', [
    { toolCalls: [{ name: 'web_search', args: { input: 'refund policy' } }] },
    { text: 'Refunds within 30 days.' },
  ]);
  const writer = worker('writer', 'writer', [{ text: 'Dear customer, you can get a refund.' }]);
  return new StateGraph(TeamState)
    .addNode('supervisor', async (state, config) => {
      const next = String((await supervisor.invoke(state.messages)).content);
      if (next === 'writer') options.beforeWriter?.(config);
      return { next };
    })
    .addNode('researcher', researcher)
    .addNode('writer', writer)
    .addEdge(START, 'supervisor')
    .addConditionalEdges('supervisor', (state) => (state.next === 'FINISH' ? END : state.next), [
      'researcher',
      'writer',
      END,
    ])
    .addEdge('researcher', 'supervisor')
    .addEdge('writer', 'supervisor')
    .compile({ name: 'support_team' });
}

const teamInput = { messages: [{ role: 'user', content: 'Can I get a refund?' }] };

/** The stored calls whose parentId is not a stored call of their own session (printed on failure). */
function callsWithDanglingParent(calls: LLMCall[]) {
  const byId = new Map(calls.map((c) => [c.id, c]));
  return calls
    .filter((c) => c.parentId !== null && byId.get(c.parentId)?.sessionId !== c.sessionId)
    .map((c) => ({ agentName: c.agentName, parentId: c.parentId }));
}

/** What is stored once the only session has ended: a stream left early ends it only after the loop is left. */
async function storedOnceEnded(obs: Observatory): Promise<Stored> {
  return vi.waitFor(
    async () => {
      const result = await stored(obs);
      expect(result.sessions.map((s) => s.endTime !== null)).toEqual([true]);
      return result;
    },
    { timeout: 5_000, interval: 20 },
  );
}

/** Sizes of the handler's per-run maps: [graph runs, model runs]. */
function runsHeldBy(handler: ObservatoryGraphHandler): number[] {
  const state = handler as unknown as { graphRuns: Map<string, unknown>; modelRuns: Map<string, unknown> };
  return [state.graphRuns.size, state.modelRuns.size];
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
    // The subgraph's call is the agent of the node that runs the subgraph.
    expect(calls.map((c) => [c.agentName, c.metadata?.langgraphPath, c.sessionId])).toEqual([
      ['planner', 'planner', session.id],
      ['research', 'research/analyst', session.id],
      ['writer', 'writer', session.id],
    ]);
    expect(calls.map((c) => [c.metadata?.langgraph_step, c.metadata?.thread_id])).toEqual([
      [1, 'thread-42'],
      [1, 'thread-42'],
      [3, 'thread-42'],
    ]);
    const costs = [costOf.planner, costOf.analyst, costOf.writer];
    calls.forEach((call, i) => {
      expect(call.totalCost).toBeCloseTo(costs[i], 12);
    });
    expect(session.totalLlmCalls).toBe(3);
    expect(session.totalCost).toBeCloseTo(costOf.planner + costOf.analyst + costOf.writer, 12);
  });

  it('names the session after runName when given', async () => {
    await buildGraph().invoke({ text: 'x' }, { callbacks: [handler], runName: 'refund_review' });

    const { sessions } = await stored(t.obs);
    expect(sessions.map((s) => s.operationType)).toEqual(['refund_review']);
  });

  it('parents a subgraph’s call on the call before it in the graph around it; root-graph calls have none', async () => {
    await buildGraph().invoke({ text: 'x' }, { callbacks: [handler] });

    const { calls } = await stored(t.obs);
    const [planner] = calls;
    expect(calls.map((c) => [c.metadata?.langgraphPath, c.parentId])).toEqual([
      ['planner', null],
      ['research/analyst', planner.id],
      ['writer', null],
    ]);
  });

  it('names a supervisor’s createReactAgent workers by their node, so cost per agent keeps them apart', async () => {
    await buildTeam().invoke(teamInput, { callbacks: [handler] });

    const { sessions, calls } = await stored(t.obs);
    expect(sessions.map((s) => [s.operationType, s.success])).toEqual([['support_team', true]]);
    expect(calls.map((c) => [c.agentName, c.metadata?.langgraphPath, c.metadata?.langgraph_node])).toEqual([
      ['supervisor', 'supervisor', 'supervisor'],
      ['researcher', 'researcher/agent', 'agent'],
      ['researcher', 'researcher/agent', 'agent'],
      ['supervisor', 'supervisor', 'supervisor'],
      ['writer', 'writer/agent', 'agent'],
      ['supervisor', 'supervisor', 'supervisor'],
    ]);
    const costPerAgent = new Map<string | null, number>();
    for (const c of calls) costPerAgent.set(c.agentName, (costPerAgent.get(c.agentName) ?? 0) + c.totalCost);
    expect([...costPerAgent.keys()]).toEqual(['supervisor', 'researcher', 'writer']);
    expect(costPerAgent.get('supervisor')).toBeCloseTo(3 * costOf.planner, 12);
    expect(costPerAgent.get('researcher')).toBeCloseTo(2 * costOf.analyst, 12);
    expect(costPerAgent.get('writer')).toBeCloseTo(costOf.writer, 12);
  });

  it('parents every turn of a worker’s tool loop on the supervisor call that routed to the worker', async () => {
    await buildTeam().invoke(teamInput, { callbacks: [handler] });

    const { calls } = await stored(t.obs);
    const [firstRouting, , , secondRouting] = calls;
    expect(calls.map((c) => [c.agentName, c.parentId])).toEqual([
      ['supervisor', null],
      ['researcher', firstRouting.id],
      ['researcher', firstRouting.id],
      ['supervisor', null],
      ['writer', secondRouting.id],
      ['supervisor', null],
    ]);
  });

  it('names agents from the graph it records when that graph runs inside an unrecorded graph’s node', async () => {
    const research = buildGraph();
    const app = new StateGraph(State)
      .addNode('call_research', (state: StateValue) => research.invoke(state, { callbacks: [handler] }))
      .addEdge(START, 'call_research')
      .addEdge('call_research', END)
      .compile({ name: 'app' });
    await app.invoke({ text: 'x' });

    const { sessions, calls } = await stored(t.obs);
    expect(sessions.map((s) => s.operationType)).toEqual(['support_flow']);
    const [planner] = calls;
    expect(calls.map((c) => [c.agentName, c.metadata?.langgraphPath, c.parentId])).toEqual([
      ['planner', 'planner', null],
      ['research', 'research/analyst', planner.id],
      ['writer', 'writer', null],
    ]);
  });

  it('stores only parentIds that are calls of the same session, whatever the graph’s shape', async () => {
    await buildGraph().invoke({ text: 'pipeline' }, { callbacks: [handler] });
    await buildFanOutGraph().invoke({ text: 'fan out' }, { callbacks: [handler] });
    await buildTeam().invoke(teamInput, { callbacks: [handler] });
    for await (const _chunk of await buildTeam().stream(teamInput, { callbacks: [handler], streamMode: 'messages' })) {
      // drain
    }

    const { sessions, calls } = await stored(t.obs);
    expect(sessions).toHaveLength(4);
    expect(calls).toHaveLength(3 + 5 + 6 + 5);
    expect(callsWithDanglingParent(calls)).toEqual([]);
    const fanOut = sessions.find((s) => s.operationType === 'fan_out');
    const fanOutCalls = calls.filter((c) => c.sessionId === fanOut?.id);
    const planner = fanOutCalls.find((c) => c.agentName === 'planner');
    // The research calls come from the planner's call, not from the summarizer's that ended first.
    expect(fanOutCalls.map((c) => [c.metadata?.langgraphPath, c.parentId])).toEqual([
      ['planner', null],
      ['summarizer', null],
      ['research/analyst', planner?.id],
      ['research/analyst', planner?.id],
      ['writer', null],
    ]);
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
      ['research', null, 'reported'],
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
    expect(calls.map((c) => c.agentName)).toEqual(['planner', 'research', 'writer']);
  });

  it('keeps no state once graph runs end, fail or are left early', async () => {
    await buildGraph().invoke({ text: 'x' }, { callbacks: [handler] });
    await buildGraph({ analyst: gpt4o('analyst', { error: new Error('boom') }) })
      .invoke({ text: 'x' }, { callbacks: [handler] })
      .catch(() => undefined);
    for await (const _chunk of await buildTeam().stream(teamInput, { callbacks: [handler], streamMode: 'messages' })) {
      break;
    }

    await vi.waitFor(async () => {
      await awaitAllCallbacks();
      expect(runsHeldBy(handler)).toEqual([0, 0]);
    });
  });

  it.each([
    // LangGraph then never reports the root run's end: the cancelled supervisor node is the last word.
    ['messages', 'the supervisor’s first token'],
    // The root run then fails with LangGraph's `Error('Abort')`, after the researcher's AbortError.
    ['updates', 'the supervisor’s first update, with the researcher at work'],
  ] as const)(
    'ends the session as cancelled when the consumer stops reading stream(%s) at %s',
    async (streamMode, _moment) => {
      const stream = await buildTeam().stream(teamInput, { callbacks: [handler], streamMode });
      for await (const _chunk of stream) break;

      const { sessions, calls } = await storedOnceEnded(t.obs);
      expect(sessions.map((s) => [s.operationType, s.success, s.error])).toEqual([['support_team', null, null]]);
      expect(calls.filter((c) => c.sessionId !== sessions[0].id)).toEqual([]);
      expect(callsWithDanglingParent(calls)).toEqual([]);
    },
  );

  it('ends it as cancelled when the run’s signal is aborted with no reason, and as failed with the reason given', async () => {
    const stopBeforeWriter = (runName: string, reason?: Error) => {
      const controller = new AbortController();
      // A budget guard in the app stops the run once the supervisor has chosen the writer.
      const graph = buildTeam({
        beforeWriter: (config) => {
          controller.abort(reason);
          config.signal?.throwIfAborted();
        },
      });
      return graph.invoke(teamInput, { callbacks: [handler], signal: controller.signal, runName });
    };
    await expect(stopBeforeWriter('no_reason')).rejects.toMatchObject({ name: 'AbortError' });
    await expect(stopBeforeWriter('with_reason', new Error('over budget'))).rejects.toThrow('over budget');

    const { sessions, calls } = await stored(t.obs);
    expect(sessions.map((s) => [s.operationType, s.success, s.error, s.endTime !== null]).sort()).toEqual([
      ['no_reason', null, null, true],
      ['with_reason', false, 'over budget', true],
    ]);
    expect(calls.map((c) => c.agentName)).toEqual(
      Array(2).fill(['supervisor', 'researcher', 'researcher', 'supervisor']).flat(),
    );
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
