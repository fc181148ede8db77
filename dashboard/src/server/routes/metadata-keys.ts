import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { reply } from '../reply.js';

/** Newest calls whose metadata keys are listed as seen. */
const SEEN_SAMPLE = 2_000;

/**
 * The metadata keys rolled up like models and agents: GET /api/metadata-keys (named keys,
 * and the keys seen in the newest calls, to pick from), PUT /api/metadata-keys/:key (name
 * one: its stored calls are added once, writes wait meanwhile), DELETE (forget one and
 * its rollups). Breakdowns by a named key (`/api/breakdown?by=metadata.KEY`) read rollups.
 */
export function metadataKeysRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/metadata-keys', async (c) => {
      const [named, sample] = await Promise.all([
        ctx.storage.getMetadataRollupKeys(),
        ctx.storage.sampleCalls({ limit: SEEN_SAMPLE, scanLimit: SEEN_SAMPLE }),
      ]);
      const seen = new Map<string, number>();
      for (const call of sample.calls) {
        for (const [key, value] of Object.entries(call.metadata ?? {})) {
          if (['string', 'number', 'boolean'].includes(typeof value)) seen.set(key, (seen.get(key) ?? 0) + 1);
        }
      }
      return reply(c, 'GET /api/metadata-keys', {
        named,
        seen: [...seen]
          .map(([key, calls]) => ({ key, calls }))
          .sort((a, b) => b.calls - a.calls || a.key.localeCompare(b.key)),
        sampledCalls: sample.calls.length,
      });
    })
    .put('/metadata-keys/:key', async (c) => {
      const key = c.req.param('key');
      const addedCalls = await ctx.storage.nameMetadataKey(key);
      return reply(c, 'PUT /api/metadata-keys/:key', { key, named: true, addedCalls });
    })
    .delete('/metadata-keys/:key', async (c) => {
      const key = c.req.param('key');
      const wasNamed = await ctx.storage.forgetMetadataKey(key);
      return reply(c, 'DELETE /api/metadata-keys/:key', { key, named: false, wasNamed });
    });
}
