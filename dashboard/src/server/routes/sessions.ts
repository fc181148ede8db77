import {
  buildAgentGraph,
  type LLMCall,
  SESSION_SORTS,
  type SessionCallSummary,
  type SessionStep,
} from '@observatory/core';
import { Hono } from 'hono';
import { measureContextRepeat } from '../analysis/context-repeat.js';
import { toTimelineColumns } from '../analysis/timeline-columns.js';
import type { AppContext } from '../app-context.js';
import { readEnum, readInt } from '../query-params.js';
import { readCursor, readSessionFilter } from '../read-list-filters.js';
import { reply } from '../reply.js';
import { preview } from './calls.js';

/**
 * GET /api/sessions?…filters&sort=start|cost|duration|calls&order=&limit=&cursor= → { items
 * (each session with its agents, models, token parts and failed calls), nextCursor }.
 * GET /api/sessions/:id?limit=&cursor= → the session, totals over all its calls, every call's
 * timing, agent and cost for the timeline (by column), the agent graph, and one page of its calls in time order with
 * the context each re-sends.
 */
export function sessionsRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/sessions', async (c) => {
      const filter = readSessionFilter(c, ctx.now());
      const limit = readInt(c, 'limit', { min: 1, max: 500, fallback: 20 });
      const offset = readInt(c, 'offset', { min: 0, max: 1_000_000, fallback: 0 });
      const sort = readEnum(c, 'sort', SESSION_SORTS, 'start');
      const order = readEnum(c, 'order', ['asc', 'desc'] as const, 'desc');
      const page = await ctx.storage.findSessions({ ...filter, sort, order, limit, offset, cursor: readCursor(c) });
      const summaries = await ctx.storage.summarizeSessionCalls(page.items.map((session) => session.id));
      // summarizeSessionCalls answers for every id it is given.
      const items = page.items.map((session) => ({
        ...session,
        calls: summaries.get(session.id) as SessionCallSummary,
      }));
      return reply(c, 'GET /api/sessions', { items, limit, offset, nextCursor: page.nextCursor });
    })
    .get('/sessions/:id', async (c) => {
      const id = c.req.param('id');
      const limit = readInt(c, 'limit', { min: 1, max: 500, fallback: 100 });
      const cursor = readCursor(c);
      const session = id.length <= 128 ? await ctx.storage.getSession(id) : null;
      if (!session) return c.json({ error: `No session with id ${JSON.stringify(id.slice(0, 128))}` }, 404);
      const [steps, page] = await Promise.all([
        ctx.storage.getSessionSteps(id),
        ctx.storage.findCalls({ sessionId: id, order: 'asc', limit, cursor }),
      ]);
      const previous = await promptsBefore(ctx, steps, page.items);
      return reply(c, 'GET /api/sessions/:id', {
        session,
        totals: sumSteps(steps),
        timeline: toTimelineColumns(steps),
        graph: buildAgentGraph(steps),
        calls: page.items.map(preview),
        context: measureContextRepeat(page.items, previous),
        nextCursor: page.nextCursor,
      });
    });
}

/** Totals over every call of the session (never over one page of them). */
function sumSteps(steps: SessionStep[]) {
  const totals = {
    calls: steps.length,
    errorCalls: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
    totalCost: 0,
    latencyMs: 0,
  };
  for (const step of steps) {
    totals.errorCalls += step.failed ? 1 : 0;
    totals.promptTokens += step.promptTokens;
    totals.completionTokens += step.completionTokens;
    totals.cachedPromptTokens += step.cachedPromptTokens;
    totals.cacheWriteTokens += step.cacheWriteTokens;
    totals.reasoningTokens += step.reasoningTokens;
    totals.totalTokens += step.totalTokens;
    totals.totalCost += step.totalCost;
    totals.latencyMs += step.latencyMs;
  }
  return totals;
}

/** The prompt each agent on the page sent last before the page began (one read per such agent). */
async function promptsBefore(ctx: AppContext, steps: SessionStep[], page: LLMCall[]): Promise<Map<string, string>> {
  const previous = new Map<string, string>();
  const start = page.length > 0 ? steps.findIndex((step) => step.id === page[0].id) : -1;
  if (start <= 0) return previous;
  const agents = new Set(page.map((call) => call.agentName ?? ''));
  const lastIds = new Map<string, string>();
  for (let i = start - 1; i >= 0 && lastIds.size < agents.size; i -= 1) {
    const agent = steps[i].agentName ?? '';
    if (agents.has(agent) && !lastIds.has(agent)) lastIds.set(agent, steps[i].id);
  }
  await Promise.all(
    [...lastIds].map(async ([agent, callId]) => {
      const call = await ctx.storage.getLlmCall(callId);
      if (call?.prompt) previous.set(agent, call.prompt);
    }),
  );
  return previous;
}
