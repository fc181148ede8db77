import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { loadSettings } from '../dashboard-settings.js';
import { readRange } from '../query-params.js';
import { reply } from '../reply.js';

/** GET /api/meta (server facts for the app shell) and GET /api/filters (values for filter pickers). */
export function metaRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/meta', async (c) => {
      const [totals, firstDay, settings] = await Promise.all([
        ctx.storage.getTotals({}),
        ctx.storage.getFirstDay(),
        loadSettings(ctx.storage),
      ]);
      return reply(c, 'GET /api/meta', {
        version: ctx.version,
        database: ctx.database.description,
        dialect: ctx.database.dialect,
        now: ctx.now(),
        authRequired: ctx.authRequired,
        calls: totals.totalCalls,
        firstDay,
        display: settings.display,
      });
    })
    .get('/filters', async (c) => {
      const { projectName } = readRange(c, ctx.now());
      const [models, agents, operations] = await Promise.all([
        ctx.storage.getDistinctModels(projectName),
        ctx.storage.getDistinctAgents(projectName),
        ctx.storage.getDistinctOperations(projectName),
      ]);
      return reply(c, 'GET /api/filters', { models, agents, operations });
    });
}
