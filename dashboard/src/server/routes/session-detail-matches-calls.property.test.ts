import { NO_AGENT } from '@observatory/core';
import { testDatabases } from '@observatory/core/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionDetailResponse } from '../../shared/api-types.js';
import {
  cachedOf,
  getJson,
  HOUR,
  type PlannedCall,
  plannedCall,
  timeOf,
  withPlannedStore,
} from '../../test-support/planned-history.js';

const SESSIONS = ['run-a', 'run-b', 'run-c'] as const;

/** A call of one of three sessions, maybe naming an earlier-recorded call as its parent (`pick` modulo its index). */
const plannedSessionCall = fc.record({
  call: plannedCall,
  session: fc.constantFrom(...SESSIONS),
  pick: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
});
type SessionCall = PlannedCall & { index: number; session: string; parent: number | undefined };

function toSessionCalls(planned: ReadonlyArray<typeof plannedSessionCall extends fc.Arbitrary<infer T> ? T : never>) {
  return planned.map(
    (p, index): SessionCall => ({
      ...p.call,
      index,
      session: p.session,
      parent: p.pick === undefined || index === 0 ? undefined : p.pick % index,
    }),
  );
}

/** Ids in recording order, so a tie in time falls back to it, as the steps' `id` order does. */
const idOf = (index: number) => `call-${String(index).padStart(4, '0')}`;
const sum = (calls: readonly SessionCall[], f: (c: SessionCall) => number) => calls.reduce((a, c) => a + f(c), 0);

/**
 * The agent graph (`buildAgentGraph`): per agent its calls, failures, cost, latency and
 * tokens; a step's predecessor is its parent when the parent is a step of the session
 * before it, else the step before it; each step with a predecessor is one hand-off from the
 * predecessor's agent to its own, carrying the step's cost and latency.
 */
function referenceGraph(steps: readonly SessionCall[]) {
  const agentOf = (c: SessionCall) => c.agent ?? NO_AGENT;
  const nodes = new Map<
    string,
    { calls: number; errorCalls: number; costMicros: number; latencyMs: number; tokens: number }
  >();
  const edges = new Map<string, { count: number; costMicros: number; latencyMs: number }>();
  steps.forEach((step, position) => {
    const node = nodes.get(agentOf(step)) ?? { calls: 0, errorCalls: 0, costMicros: 0, latencyMs: 0, tokens: 0 };
    node.calls++;
    node.errorCalls += step.failed ? 1 : 0;
    node.costMicros += step.costMicros;
    node.latencyMs += step.latencyMs;
    node.tokens += step.promptTokens + step.completionTokens;
    nodes.set(agentOf(step), node);
    const parentAt = steps.findIndex((s) => s.index === step.parent);
    const predecessor = parentAt >= 0 && parentAt < position ? steps[parentAt] : steps[position - 1];
    if (predecessor === undefined) return;
    const key = `${agentOf(predecessor)} → ${agentOf(step)}`;
    const edge = edges.get(key) ?? { count: 0, costMicros: 0, latencyMs: 0 };
    edge.count++;
    edge.costMicros += step.costMicros;
    edge.latencyMs += step.latencyMs;
    edges.set(key, edge);
  });
  return { nodes, edges };
}

function expectSessionDetail(detail: SessionDetailResponse, calls: readonly SessionCall[], session: string) {
  const where = session;
  // Every call of the session, in time order (ties in recording order).
  const steps = calls.filter((c) => c.session === session).sort((a, b) => timeOf(a) - timeOf(b) || a.index - b.index);
  const start = Math.min(...steps.map(timeOf));
  const end = Math.max(...steps.map((c) => timeOf(c) + c.latencyMs));

  expect(detail.totals, `${where}: totals`).toMatchObject({
    calls: steps.length,
    errorCalls: steps.filter((c) => c.failed).length,
    promptTokens: sum(steps, (c) => c.promptTokens),
    completionTokens: sum(steps, (c) => c.completionTokens),
    cachedPromptTokens: sum(steps, cachedOf),
    totalTokens: sum(steps, (c) => c.promptTokens + c.completionTokens),
    latencyMs: sum(steps, (c) => c.latencyMs),
  });
  expect(detail.totals.totalCost, `${where}: cost`).toBeCloseTo(sum(steps, (c) => c.costMicros) / 1e6, 9);

  // The session record: its calls' sums; a session only its calls opened stays open.
  expect(detail.session.endTime, `${where}: open`).toBeNull();
  expect(detail.session.totalLlmCalls, `${where}: recorded calls`).toBe(steps.length);
  expect(detail.session.totalTokens, `${where}: recorded tokens`).toBe(detail.totals.totalTokens);
  expect(detail.session.totalLatencyMs, `${where}: recorded latency`).toBe(detail.totals.latencyMs);
  expect(detail.session.totalCost, `${where}: recorded cost`).toBeCloseTo(detail.totals.totalCost, 9);

  // The timeline: every step, its start from the first, its parent's position, and so its end.
  const { timeline } = detail;
  expect(timeline.start, `${where}: timeline start`).toBe(new Date(start).toISOString());
  expect(timeline.ids, `${where}: steps in time order`).toEqual(steps.map((c) => idOf(c.index)));
  expect(timeline.startMs, `${where}: starts`).toEqual(steps.map((c) => timeOf(c) - start));
  expect(timeline.latencyMs, `${where}: latencies`).toEqual(steps.map((c) => c.latencyMs));
  expect(timeline.parent, `${where}: parents`).toEqual(
    steps.map((c) => steps.findIndex((s) => c.parent !== undefined && s.index === c.parent)),
  );
  expect(timeline.failed, `${where}: failed steps`).toEqual(steps.flatMap((c, i) => (c.failed ? [i] : [])));
  expect(
    timeline.agent.map((a) => timeline.agents[a]),
    `${where}: agents`,
  ).toEqual(steps.map((c) => c.agent ?? null));
  expect(
    timeline.model.map((m) => timeline.models[m]),
    `${where}: models`,
  ).toEqual(steps.map((c) => c.model));
  timeline.cost.forEach((cost, i) => {
    expect(cost, `${where}: cost of step ${i}`).toBeCloseTo(steps[i].costMicros / 1e6, 9);
  });
  expect(Math.max(...timeline.startMs.map((s, i) => s + timeline.latencyMs[i])), `${where}: duration`).toBe(
    end - start,
  );

  const graph = referenceGraph(steps);
  expect(detail.graph.nodes.map((n) => n.agentName).sort(), `${where}: agents`).toEqual([...graph.nodes.keys()].sort());
  for (const node of detail.graph.nodes) {
    const { costMicros, ...counts } = graph.nodes.get(node.agentName) ?? { costMicros: Number.NaN };
    expect(node, `${where}: agent ${node.agentName}`).toMatchObject(counts);
    expect(node.cost, `${where}: cost of ${node.agentName}`).toBeCloseTo(costMicros / 1e6, 9);
  }
  expect(detail.graph.edges.map((e) => `${e.from} → ${e.to}`).sort(), `${where}: hand-offs`).toEqual(
    [...graph.edges.keys()].sort(),
  );
  for (const edge of detail.graph.edges) {
    const key = `${edge.from} → ${edge.to}`;
    const { costMicros, ...counts } = graph.edges.get(key) ?? { costMicros: Number.NaN };
    expect(edge, `${where}: ${key}`).toMatchObject(counts);
    expect(edge.cost, `${where}: cost of ${key}`).toBeCloseTo(costMicros / 1e6, 9);
  }
}

const template: PlannedCall = {
  project: 'alpha',
  model: 'gpt-4o',
  agent: 'planner',
  promptTokens: 1200,
  cachedPercent: 50,
  completionTokens: 80,
  latencyMs: 900,
  costMicros: 4000,
  failed: false,
  cache: 'none',
  routing: undefined,
  judge: undefined,
  promptId: undefined,
  variant: undefined,
  offsetMs: 0,
};

/**
 * A run recorded out of order (the last step first, as a batch from another process may
 * arrive), two steps at the same instant, a loop, a nested call naming its parent, and a
 * parent from another session (not a predecessor).
 */
const edgeRun: SessionCall[] = [
  { ...template, agent: 'writer', offsetMs: 5 * HOUR, index: 0, session: 'run-a', parent: undefined },
  { ...template, offsetMs: HOUR, index: 1, session: 'run-a', parent: undefined },
  { ...template, agent: undefined, failed: true, offsetMs: 2 * HOUR, index: 2, session: 'run-a', parent: undefined },
  { ...template, agent: 'writer', offsetMs: 2 * HOUR, index: 3, session: 'run-a', parent: 1 },
  { ...template, offsetMs: 3 * HOUR, index: 4, session: 'run-b', parent: undefined },
  { ...template, agent: 'writer', offsetMs: 4 * HOUR, index: 5, session: 'run-a', parent: 4 },
  { ...template, agent: 'writer', offsetMs: 4 * HOUR + 1, index: 6, session: 'run-a', parent: undefined },
];

async function checkSessions(database: Parameters<typeof withPlannedStore>[0], calls: readonly SessionCall[]) {
  await withPlannedStore(
    database,
    calls,
    async (app) => {
      for (const session of new Set(calls.map((c) => c.session))) {
        // Every call on one page: the page's own figures are the calls list's, checked elsewhere.
        const detail = await getJson<SessionDetailResponse>(app, `/api/sessions/${session}?limit=500`);
        expectSessionDetail(detail, calls, session);
      }
    },
    {
      more: (c) => ({
        id: idOf(c.index),
        sessionId: c.session,
        parentId: c.parent === undefined ? undefined : idOf(c.parent),
      }),
    },
  );
}

/**
 * A session's detail against its calls: on random histories of three sessions recorded in
 * any order, with calls naming earlier-recorded parents (in the session or not), the totals
 * over every call (calls, failures, tokens, cost, latency), the session record's sums and
 * start, the timeline's steps in time order with their starts, parents, agents, models,
 * costs and failures, the run's duration, and the agent graph's calls per agent and
 * hand-offs, each computed straight from the recorded calls.
 */
describe.each(testDatabases())('the session detail against the calls, on %s', (database) => {
  it('shows every call of the session in time order, its totals and its hand-offs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plannedSessionCall, { minLength: 1, maxLength: 60 }), async (planned) => {
        await checkSessions(database, toSessionCalls(planned));
      }),
      {
        numRuns: database === 'postgres' ? 10 : 25,
        seed: 20261206,
        examples: [[edgeRun.map(({ index, session, parent, ...call }) => ({ call, session, pick: parent }))]],
      },
    );
  }, 300_000);

  // A session its calls open started at the first call *recorded*, and later calls only
  // moved its end: a run whose calls arrive out of order (05:00 first, then its 01:00 step)
  // started after its first step, and the sessions list sorted and timed it by that start.
  it('starts the session at its earliest call, in whatever order its calls arrive', async () => {
    await withPlannedStore(
      database,
      edgeRun,
      async (app) => {
        const detail = await getJson<SessionDetailResponse>(app, '/api/sessions/run-a?limit=500');
        expect(detail.session.startTime).toBe(detail.timeline.start);
      },
      { more: (c) => ({ id: idOf(c.index), sessionId: c.session }) },
    );
  });
});
