import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';

/** GET /api/projects → every project name, sorted. */
export function projectsRoutes(ctx: AppContext): Hono {
  return new Hono().get('/projects', async (c) => c.json(await ctx.storage.getDistinctProjects()));
}
