import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { BadRequest } from '../../bad-request.js';
import { formatCallsAsCsv, formatCallsAsNdjson } from '../../export/format-calls.js';
import type { AppContext } from '../app-context.js';
import { loadSettings, updateSettings } from '../dashboard-settings.js';
import { readEnum } from '../query-params.js';
import { readJsonBody } from '../read-json-body.js';
import { readCallFilter } from '../read-list-filters.js';
import { reply } from '../reply.js';

const DAY_MS = 86_400_000;

/**
 * Settings and what they drive: GET/PUT /api/settings (alerts, display, retention, stored
 * in the database), POST /api/retention/prune, GET /api/export (streamed).
 */
export function settingsRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/settings', async (c) => {
      const [settings, stats, projects, size, byProject] = await Promise.all([
        loadSettings(ctx.storage),
        ctx.storage.getStoreStats(),
        ctx.storage.getDistinctProjects(),
        ctx.database.sizeBytes(),
        ctx.storage.getBreakdown('project', {}),
      ]);
      return reply(c, 'GET /api/settings', {
        settings,
        database: { description: ctx.database.description, dialect: ctx.database.dialect, sizeBytes: size, ...stats },
        projects: projects.map((name) => {
          const row = byProject.find((p) => p.key === name);
          return { name, calls: row?.totalCalls ?? 0, cost: row?.totalCost ?? 0 };
        }),
        performance: ctx.timings.summary(),
        version: ctx.version,
      });
    })
    .put('/settings', async (c) => {
      const body = await readJsonBody(c);
      const current = await loadSettings(ctx.storage);
      const settings = await updateSettings(ctx.storage, current, body);
      if ('alerts' in body) await ctx.alerts.evaluate();
      return reply(c, 'PUT /api/settings', { settings });
    })
    .post('/retention/prune', async (c) => {
      const body = await readJsonBody(c);
      const days = body.olderThanDays;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 36_500) {
        throw new BadRequest('olderThanDays', days, 'a whole number of days from 1 to 36500');
      }
      const project = body.project ?? null;
      if (project !== null && typeof project !== 'string')
        throw new BadRequest('project', project, 'a project name or null');
      const before = new Date(ctx.now() - days * DAY_MS);
      const result = await ctx.storage.deleteSessionsBefore(before, project ?? undefined);
      ctx.samples.clear();
      return reply(c, 'POST /api/retention/prune', { ...result, before: before.toISOString() });
    })
    .get('/export', (c) => {
      const filter = readCallFilter(c, ctx.now());
      const format = readEnum(c, 'format', ['csv', 'json'] as const, 'json');
      const calls = ctx.storage.streamLlmCalls(filter);
      const chunks = format === 'csv' ? formatCallsAsCsv(calls) : formatCallsAsNdjson(calls);
      c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="observatory-calls.${format === 'csv' ? 'csv' : 'ndjson'}"`,
      );
      return stream(c, async (out) => {
        for await (const chunk of chunks) await out.write(chunk);
      });
    });
}
