import type { BreakdownDimension, SeriesInterval } from '@observatory/core';
import { Hono } from 'hono';
import { BadRequest } from '../../bad-request.js';
import type { AppContext } from '../app-context.js';
import { pickInterval, readEnum, readRange, readText } from '../query-params.js';
import { reply } from '../reply.js';

const DIMENSIONS = [
  'model',
  'agent',
  'operation',
  'provider',
  'project',
] as const satisfies readonly BreakdownDimension[];
/** What `by=metadata.KEY` accepts as KEY (core checks it again). */
const METADATA_KEY = /^[\w-]{1,64}$/;
const INTERVALS = ['hour', 'day', 'week'] as const satisfies readonly SeriesInterval[];

/**
 * GET /api/timeseries?interval=&groupBy=&project=&from=&to= → { interval, points },
 * GET /api/breakdown?by=&project=&from=&to= → { by, rows, source, scannedFrom } (by: a
 *   dimension, or metadata.KEY: per value of a metadata key, from its rollups when named) and
 * GET /api/matrix?rows=&columns= → { cells } (totals per pair), all from the rollups.
 * Filters model=, agent=, operation=, provider= narrow either.
 */
export function seriesRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/timeseries', async (c) => {
      const now = ctx.now();
      const filter = { ...readRange(c, now), ...readKeys(c) };
      const groupBy = readEnum(c, 'groupBy', DIMENSIONS);
      const requested = readEnum(c, 'interval', [...INTERVALS, 'auto'] as const, 'auto');
      const interval =
        requested === 'auto'
          ? pickInterval(filter, now, filter.from ? null : await ctx.storage.getFirstDay(filter.projectName))
          : requested;
      const points = await ctx.storage.getTimeSeries({ ...filter, interval, groupBy });
      return reply(c, 'GET /api/timeseries', { interval, groupBy: groupBy ?? null, points });
    })
    .get('/matrix', async (c) => {
      const filter = { ...readRange(c, ctx.now()), ...readKeys(c) };
      const rows = readEnum(c, 'rows', DIMENSIONS, 'agent');
      const columns = readEnum(c, 'columns', DIMENSIONS, 'model');
      if (rows === columns) throw new BadRequest('columns', columns, `a dimension other than rows (${rows})`);
      return reply(c, 'GET /api/matrix', {
        rows,
        columns,
        cells: await ctx.storage.getCrossBreakdown(rows, columns, filter),
      });
    })
    .get('/breakdown', async (c) => {
      const filter = { ...readRange(c, ctx.now()), ...readKeys(c) };
      const metadataKey = readText(c, 'by')?.match(/^metadata\.(.*)$/s)?.[1];
      if (metadataKey !== undefined) {
        if (!METADATA_KEY.test(metadataKey)) {
          throw new BadRequest(
            'by',
            `metadata.${metadataKey}`,
            'metadata.KEY, KEY of letters, digits, _ and - (at most 64)',
          );
        }
        const breakdown = await ctx.storage.getMetadataBreakdown(metadataKey, filter);
        return reply(c, 'GET /api/breakdown', {
          by: `metadata.${metadataKey}`,
          rows: breakdown.rows,
          source: breakdown.source,
          scannedFrom: breakdown.scannedFrom?.getTime() ?? null,
        });
      }
      const by = readEnum(c, 'by', DIMENSIONS, 'model');
      return reply(c, 'GET /api/breakdown', {
        by,
        rows: await ctx.storage.getBreakdown(by, filter),
        source: 'rollups',
        scannedFrom: null,
      });
    });
}

function readKeys(c: Parameters<typeof readText>[0]) {
  return {
    modelName: readText(c, 'model'),
    agentName: readText(c, 'agent'),
    operationName: readText(c, 'operation'),
    provider: readText(c, 'provider'),
  };
}
