import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { reply } from '../reply.js';

/** GET /api/projects → every project name, sorted. */
export function projectsRoutes(ctx: AppContext): Hono {
  return new Hono().get('/projects', async (c) =>
    reply(c, 'GET /api/projects', await ctx.storage.getDistinctProjects()),
  );
}
