import type { LLMCall } from '@observatory/core';
import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { readEnum, readInt, readRange, readText } from '../query-params.js';
import { reply } from '../reply.js';

const HOUR_MS = 3_600_000;
/** Prompt and response characters in list items; the full text comes from /api/calls/:id. */
const PREVIEW_CHARS = 280;

/**
 * GET /api/calls?project=&limit=&offset=&model=&agent=&operation=&provider=&status=&session=&from=&to=
 * → { items, total }, newest first, texts cut to a preview. GET /api/calls/:id → one full call.
 */
export function callsRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/calls', async (c) => {
      const now = ctx.now();
      const filter = readRange(c, now);
      const limit = readInt(c, 'limit', { min: 1, max: 500, fallback: 50 });
      const offset = readInt(c, 'offset', { min: 0, max: 1_000_000, fallback: 0 });
      const status = readEnum(c, 'status', ['error', 'ok'] as const);
      const query = {
        ...filter,
        modelName: readText(c, 'model'),
        agentName: readText(c, 'agent'),
        operationName: readText(c, 'operation'),
        provider: readText(c, 'provider'),
        sessionId: readText(c, 'session', 128),
        hasError: status === undefined ? undefined : status === 'error',
      };
      const [items, total] = await Promise.all([
        ctx.storage.getLlmCalls({ ...query, limit, offset }),
        countCalls(ctx, query),
      ]);
      return reply(c, 'GET /api/calls', { items: items.map(preview), total, limit, offset });
    })
    .get('/calls/:id', async (c) => {
      const id = c.req.param('id');
      const call = id.length <= 128 ? await ctx.storage.getLlmCall(id) : null;
      if (!call) return c.json({ error: `No call with id ${JSON.stringify(id.slice(0, 128))}` }, 404);
      return reply(c, 'GET /api/calls/:id', call);
    });
}

/**
 * Count from the rollups when the window is whole hours (or open) and the filters are
 * rollup keys, so the count never walks a million rows; otherwise count the calls.
 */
async function countCalls(
  ctx: AppContext,
  query: Parameters<AppContext['storage']['countLlmCalls']>[0] & { hasError?: boolean },
): Promise<number> {
  const aligned = (d?: Date) => d === undefined || d.getTime() % HOUR_MS === 0;
  if (query?.sessionId === undefined && aligned(query?.from) && aligned(query?.to)) {
    const totals = await ctx.storage.getTotals({
      projectName: query?.projectName,
      from: query?.from,
      to: query?.to,
      modelName: query?.modelName,
      agentName: query?.agentName,
      operationName: query?.operationName,
      provider: query?.provider,
    });
    if (query?.hasError === undefined) return totals.totalCalls;
    return query.hasError ? totals.errorCalls : totals.totalCalls - totals.errorCalls;
  }
  return ctx.storage.countLlmCalls(query);
}

function preview(call: LLMCall): LLMCall {
  return {
    ...call,
    prompt: call.prompt && call.prompt.length > PREVIEW_CHARS ? `${call.prompt.slice(0, PREVIEW_CHARS)}…` : call.prompt,
    responseText:
      call.responseText && call.responseText.length > PREVIEW_CHARS
        ? `${call.responseText.slice(0, PREVIEW_CHARS)}…`
        : call.responseText,
  };
}
