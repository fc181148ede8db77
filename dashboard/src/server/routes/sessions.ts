import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { readEnum, readInt, readRange, readText } from '../query-params.js';
import { reply } from '../reply.js';

/** GET /api/sessions → { items } newest first; GET /api/sessions/:id → { session, calls }. */
export function sessionsRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/sessions', async (c) => {
      const filter = readRange(c, ctx.now());
      const limit = readInt(c, 'limit', { min: 1, max: 500, fallback: 20 });
      const offset = readInt(c, 'offset', { min: 0, max: 1_000_000, fallback: 0 });
      const status = readEnum(c, 'status', ['success', 'failed'] as const);
      const items = await ctx.storage.getSessions({
        ...filter,
        operationType: readText(c, 'operation'),
        success: status === undefined ? undefined : status === 'success',
        limit,
        offset,
      });
      return reply(c, 'GET /api/sessions', { items, limit, offset });
    })
    .get('/sessions/:id', async (c) => {
      const id = c.req.param('id');
      const session = id.length <= 128 ? await ctx.storage.getSession(id) : null;
      if (!session) return c.json({ error: `No session with id ${JSON.stringify(id.slice(0, 128))}` }, 404);
      const calls = await ctx.storage.getLlmCalls({ sessionId: id, order: 'asc', limit: 500 });
      return reply(c, 'GET /api/sessions/:id', { session, calls });
    });
}
