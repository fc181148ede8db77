import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { readBoolean, readRange } from '../query-params.js';
import { reply } from '../reply.js';

/**
 * GET /api/overview?project=&from=&to=&range=&compare= → the KPIs (totalCost, totalTokens,
 * totalCalls, avgLatencyMs, p95LatencyMs, errorRate, cache/routing/judge totals, sessions),
 * from the rollups. With compare=true, `previous` holds the same KPIs for the period of
 * equal length just before.
 */
export function overviewRoutes(ctx: AppContext): Hono {
  return new Hono().get('/overview', async (c) => {
    const now = ctx.now();
    const filter = readRange(c, now);
    const compare = readBoolean(c, 'compare') ?? false;
    const overview = await ctx.storage.getOverview(filter);
    let previous = null;
    if (compare && filter.from) {
      const end = filter.to?.getTime() ?? now;
      const span = end - filter.from.getTime();
      previous = await ctx.storage.getOverview({
        projectName: filter.projectName,
        from: new Date(filter.from.getTime() - span),
        to: filter.from,
      });
    }
    return reply(c, 'GET /api/overview', {
      ...overview,
      from: filter.from?.getTime() ?? null,
      to: filter.to?.getTime() ?? null,
      previous,
    });
  });
}
