import type { CallFilter, LLMCall } from '@observatory/core';
import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { readInt } from '../query-params.js';
import { readCallFilter, readCursor } from '../read-list-filters.js';
import { reply } from '../reply.js';

const HOUR_MS = 3_600_000;
/** Prompt and response characters in list items; the full text comes from /api/calls/:id. */
export const PREVIEW_CHARS = 280;
/** Filtered counts stop here: past it the list says "10,000+" rather than walk every match. */
const COUNT_LIMIT = 10_000;

/**
 * GET /api/calls?project=&range=&from=&to=&model=&agent=&operation=&provider=&session=&status=
 * &minCost=&maxCost=&minLatency=&maxLatency=&meta=key=value&q=words&limit=&cursor=
 * → { items, total, totalIsLowerBound, limit, offset, nextCursor }, newest first, texts cut
 * to a preview. GET /api/calls/:id → one full call.
 */
export function callsRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/calls', async (c) => {
      const filter = readCallFilter(c, ctx.now());
      const limit = readInt(c, 'limit', { min: 1, max: 500, fallback: 50 });
      const offset = readInt(c, 'offset', { min: 0, max: 1_000_000, fallback: 0 });
      const cursor = readCursor(c);
      const [page, total] = await Promise.all([
        ctx.storage.findCalls({ ...filter, limit, offset, cursor }),
        countCalls(ctx, filter),
      ]);
      return reply(c, 'GET /api/calls', {
        items: page.items.map(preview),
        total,
        totalIsLowerBound: total >= COUNT_LIMIT && !isRollupFilter(filter),
        limit,
        offset,
        nextCursor: page.nextCursor,
      });
    })
    .get('/calls/:id', async (c) => {
      const id = c.req.param('id');
      const call = id.length <= 128 ? await ctx.storage.getLlmCall(id) : null;
      if (!call) return c.json({ error: `No call with id ${JSON.stringify(id.slice(0, 128))}` }, 404);
      return reply(c, 'GET /api/calls/:id', call);
    });
}

/** Filters the rollups answer: whole hours (or open) and only rollup keys. */
function isRollupFilter(filter: CallFilter): boolean {
  const aligned = (d?: Date) => d === undefined || d.getTime() % HOUR_MS === 0;
  const beyondRollups = [
    filter.sessionId,
    filter.minCost,
    filter.maxCost,
    filter.minLatencyMs,
    filter.maxLatencyMs,
    filter.metadata,
    filter.text,
  ];
  return aligned(filter.from) && aligned(filter.to) && beyondRollups.every((value) => value === undefined);
}

/** Count from the rollups when they can answer, so a count never walks a million rows; else count up to COUNT_LIMIT. */
async function countCalls(ctx: AppContext, filter: CallFilter): Promise<number> {
  if (isRollupFilter(filter)) {
    const totals = await ctx.storage.getTotals({
      projectName: filter.projectName,
      from: filter.from,
      to: filter.to,
      modelName: filter.modelName,
      agentName: filter.agentName,
      operationName: filter.operationName,
      provider: filter.provider,
    });
    if (filter.hasError === undefined) return totals.totalCalls;
    return filter.hasError ? totals.errorCalls : totals.totalCalls - totals.errorCalls;
  }
  return ctx.storage.countLlmCalls(filter, COUNT_LIMIT);
}

/** A call with its prompt and response cut to a preview. */
export function preview(call: LLMCall): LLMCall {
  const cut = (text: string | null) =>
    text && text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  return { ...call, prompt: cut(call.prompt), responseText: cut(call.responseText) };
}
