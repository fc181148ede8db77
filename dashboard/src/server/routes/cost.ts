import { Hono } from 'hono';
import { BadRequest } from '../../bad-request.js';
import { forecastDailyCost } from '../analysis/forecast-daily-cost.js';
import { judgeEstimate } from '../analysis/judge-estimate.js';
import { buildModelCatalog } from '../analysis/model-catalog.js';
import { priceCacheHits } from '../analysis/price-cache-hits.js';
import { recommendSavings, type UsageCell } from '../analysis/recommend-savings.js';
import { priceWithoutPromptCache, repriceUsage } from '../analysis/reprice-usage.js';
import { welchTTest } from '../analysis/statistics.js';
import type { AppContext } from '../app-context.js';
import { readInt, readRange, readText, spanDays } from '../query-params.js';
import { reply } from '../reply.js';

const DAY_MS = 86_400_000;
/** The forecast looks at least this far back, so a 24-hour view still has a run-rate. */
const MIN_FORECAST_LOOKBACK_DAYS = 14;

/**
 * GET /api/cost → spend breakdowns, the forecast, cache and routing savings and
 * recommendations; GET /api/cost/scenario → one group's traffic repriced on another model;
 * GET /api/models/catalog → models a scenario can target, with unit prices.
 */
export function costRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/cost', async (c) => {
      const now = ctx.now();
      const filter = readRange(c, now);
      const horizon = readInt(c, 'horizon', { min: 1, max: 365, fallback: 30 });
      const end = filter.to?.getTime() ?? now;
      const lookbackFrom = Math.min(filter.from?.getTime() ?? 0, end - MIN_FORECAST_LOOKBACK_DAYS * DAY_MS);
      const [overview, daily, byModel, byAgent, byOperation, cells, firstDay] = await Promise.all([
        ctx.storage.getOverview(filter),
        ctx.storage.getTimeSeries({
          projectName: filter.projectName,
          from: new Date(Math.floor(lookbackFrom / DAY_MS) * DAY_MS),
          to: filter.to,
          interval: 'day',
        }),
        ctx.storage.getBreakdown('model', filter),
        ctx.storage.getBreakdown('agent', filter),
        ctx.storage.getBreakdown('operation', filter),
        ctx.storage.getCrossBreakdown('agent', 'model', filter),
        // The selected project's first day: another project's older calls do not lengthen its range.
        ctx.storage.getFirstDay(filter.projectName),
      ]);
      const rangeDays = spanDays(filter, now, firstDay);
      const providers = new Map(byModel.map((m) => [m.key, m.provider ?? '']));
      const usageCells: UsageCell[] = cells.map((cell) => ({
        ...cell,
        agent: cell.row,
        model: cell.column,
        provider: providers.get(cell.column) ?? '',
      }));
      const catalog = buildModelCatalog(byModel.map((m) => [m.provider ?? '', m.key] as const));

      const responseCache = priceCacheHits(cells.map((cell) => ({ ...cell, agent: cell.row, model: cell.column })));
      let promptCacheDollars = 0;
      for (const model of byModel) {
        const provider = model.provider ?? '';
        const without = priceWithoutPromptCache(model, provider, model.key);
        const actual = repriceUsage(model, provider, model.key);
        if (without !== null && actual !== null) promptCacheDollars += Math.max(0, without - actual);
      }

      return reply(c, 'GET /api/cost', {
        range: { from: filter.from?.getTime() ?? firstDay, to: end, days: rangeDays },
        totals: overview,
        daily: daily.map((p) => ({ day: p.time, cost: p.totalCost, calls: p.totalCalls })),
        // Fitted up to the range's end: with `to` in the past, the day holding it is partial
        // and the days after it were not read, so neither may count as a day at $0.
        forecast: forecastDailyCost(
          daily.map((p) => ({ day: p.time, cost: p.totalCost })),
          horizon,
          Math.min(now, end),
        ),
        byModel,
        byAgent,
        byOperation,
        savings: {
          routing: { calls: overview.routedCalls, dollars: overview.routingSavings },
          responseCache: { lookups: overview.cacheLookups, hits: overview.cacheHits, ...responseCache },
          promptCache: { cachedTokens: overview.cachedPromptTokens, dollars: promptCacheDollars },
          total: overview.routingSavings + responseCache.dollars + promptCacheDollars,
        },
        recommendations: recommendSavings(
          usageCells,
          byModel.map((m) => ({
            model: m.key,
            provider: m.provider ?? '',
            judgedCalls: m.judgedCalls,
            avgJudgeScore: m.avgJudgeScore,
          })),
          catalog,
          rangeDays,
        ),
      });
    })
    .get('/cost/scenario', async (c) => {
      const now = ctx.now();
      const filter = readRange(c, now);
      const target = readText(c, 'target');
      if (!target)
        throw new BadRequest('target', c.req.query('target') ?? null, 'the model to reprice on, e.g. claude-haiku-4-5');
      const scope = {
        ...filter,
        agentName: readText(c, 'agent'),
        modelName: readText(c, 'model'),
        operationName: readText(c, 'operation'),
      };
      const [groups, scopeTotals, firstDay, knownModels] = await Promise.all([
        ctx.storage.getBreakdown('model', scope),
        ctx.storage.getTotals(scope),
        ctx.storage.getFirstDay(filter.projectName),
        ctx.storage.getBreakdown('model', filter),
      ]);
      const targetProvider =
        readText(c, 'targetProvider') ??
        knownModels.find((m) => m.key === target)?.provider ??
        buildModelCatalog().find((m) => m.model === target)?.provider;
      if (!targetProvider)
        throw new BadRequest('target', target, 'a model with a known price (see /api/models/catalog)');
      let projected = 0;
      for (const group of groups) {
        const repriced = repriceUsage(group, targetProvider, target);
        if (repriced === null)
          throw new BadRequest('target', target, 'a model with a known price (see /api/models/catalog)');
        projected += repriced;
      }
      const targetTotals = await ctx.storage.getTotals({
        projectName: filter.projectName,
        from: filter.from,
        to: filter.to,
        modelName: target,
      });
      const days = spanDays(filter, now, firstDay);
      const current = scopeTotals.totalCost;
      const quality = {
        current: judgeEstimate(scopeTotals),
        target: judgeEstimate(targetTotals),
      };
      return reply(c, 'GET /api/cost/scenario', {
        scope: {
          agent: scope.agentName ?? null,
          model: scope.modelName ?? null,
          operation: scope.operationName ?? null,
        },
        target: { model: target, provider: targetProvider },
        calls: scopeTotals.totalCalls,
        days,
        currentCost: current,
        projectedCost: projected,
        difference: projected - current,
        monthlyDifference: days > 0 ? ((projected - current) * 30) / days : 0,
        perModel: groups.map((g) => ({
          model: g.key,
          calls: g.totalCalls,
          cost: g.totalCost,
          projected: repriceUsage(g, targetProvider, target),
        })),
        quality: { ...quality, test: welchTTest(quality.target, quality.current) },
        latency: {
          currentAvgMs: scopeTotals.avgLatencyMs,
          targetAvgMs: targetTotals.totalCalls > 0 ? targetTotals.avgLatencyMs : null,
        },
      });
    })
    .get('/models/catalog', async (c) => {
      const { projectName } = readRange(c, ctx.now());
      const models = await ctx.storage.getBreakdown('model', { projectName });
      return reply(
        c,
        'GET /api/models/catalog',
        buildModelCatalog(models.map((m) => [m.provider ?? '', m.key] as const)),
      );
    });
}
