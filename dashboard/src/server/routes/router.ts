import { Hono } from 'hono';
import { judgeEstimate } from '../analysis/judge-estimate.js';
import { wilsonInterval } from '../analysis/statistics.js';
import type { AppContext } from '../app-context.js';
import { pickInterval, readEnum, readRange, wholeHours } from '../query-params.js';
import { reply } from '../reply.js';

/** Routed calls read for decision examples and the "considered vs chosen" table. */
const DECISION_SAMPLE = 500;

/**
 * GET /api/router?project=&from=&to=&columns=agent|operation → routing KPIs, chosen-model
 * distribution and its trend, the model × agent (or operation) effectiveness matrix,
 * cost-vs-quality per model, how often each model won when considered, and recent
 * decisions. Totals come from the rollups; decisions from a bounded sample.
 */
export function routerRoutes(ctx: AppContext): Hono {
  return new Hono().get('/router', async (c) => {
    const now = ctx.now();
    const filter = readRange(c, now);
    const columns = readEnum(c, 'columns', ['agent', 'operation'] as const, 'agent');
    const overview = await ctx.storage.getOverview(filter);
    if (overview.routedCalls === 0) {
      return reply(c, 'GET /api/router', { empty: true, totalCalls: overview.totalCalls });
    }
    // An open range starts on the selected project's first day, not on any project's.
    const interval = pickInterval(filter, now, filter.from ? null : await ctx.storage.getFirstDay(filter.projectName));
    const [byModel, cells, series, sample] = await Promise.all([
      ctx.storage.getBreakdown('model', filter),
      ctx.storage.getCrossBreakdown('model', columns, filter),
      ctx.storage.getTimeSeries({ ...filter, interval, groupBy: 'model' }),
      // Over the hours the KPIs count, so the decisions read are those of the routed calls counted.
      ctx.samples.get({
        ...wholeHours(filter),
        require: 'routing',
        limit: DECISION_SAMPLE,
        promptChars: 200,
        responseChars: 0,
      }),
    ]);
    const routedModels = new Set(byModel.filter((m) => m.routedCalls > 0).map((m) => m.key));

    const considered = new Map<string, { considered: number; chosen: number; scoreSum: number }>();
    for (const call of sample.calls) {
      const decision = call.routingDecision;
      if (!decision) continue;
      for (const model of new Set([decision.chosenModel, ...decision.alternativeModels])) {
        const entry = considered.get(model) ?? { considered: 0, chosen: 0, scoreSum: 0 };
        entry.considered++;
        if (model === decision.chosenModel) entry.chosen++;
        entry.scoreSum += decision.modelScores[model] ?? 0;
        considered.set(model, entry);
      }
    }

    return reply(c, 'GET /api/router', {
      empty: false,
      kpis: {
        routedCalls: overview.routedCalls,
        totalCalls: overview.totalCalls,
        routedShare: overview.totalCalls > 0 ? overview.routedCalls / overview.totalCalls : 0,
        savings: overview.routingSavings,
        modelsChosen: routedModels.size,
        avgJudgeScore: overview.avgJudgeScore,
      },
      interval,
      distribution: byModel
        .filter((m) => m.routedCalls > 0)
        .map((m) => ({
          model: m.key,
          provider: m.provider,
          routedCalls: m.routedCalls,
          share: m.routedCalls / overview.routedCalls,
        }))
        .sort((a, b) => b.routedCalls - a.routedCalls),
      trend: series
        .filter((p) => routedModels.has(p.key ?? ''))
        .map((p) => ({ time: p.time, model: p.key ?? '', routedCalls: p.routedCalls })),
      matrix: cells
        .filter((cell) => routedModels.has(cell.row))
        .map((cell) => {
          const errors = wilsonInterval(cell.errorCalls, cell.totalCalls);
          return {
            model: cell.row,
            column: cell.column,
            calls: cell.totalCalls,
            routedCalls: cell.routedCalls,
            costPerCall: cell.totalCalls > 0 ? cell.totalCost / cell.totalCalls : 0,
            errorRate: errors.rate,
            judge: judgeEstimate(cell),
          };
        }),
      scatter: byModel.map((m) => ({
        model: m.key,
        provider: m.provider,
        calls: m.totalCalls,
        routedCalls: m.routedCalls,
        costPerCall: m.totalCalls > 0 ? m.totalCost / m.totalCalls : 0,
        avgLatencyMs: m.avgLatencyMs,
        judge: judgeEstimate(m),
      })),
      considered: [...considered.entries()]
        .map(([model, e]) => ({
          model,
          considered: e.considered,
          chosen: e.chosen,
          winRate: wilsonInterval(e.chosen, e.considered),
          avgScore: e.scoreSum / e.considered,
        }))
        .sort((a, b) => b.considered - a.considered),
      examples: sample.calls.slice(0, 25).map((call) => ({
        id: call.id,
        timestamp: call.timestamp.getTime(),
        agentName: call.agentName,
        operationName: call.operationName,
        modelName: call.modelName,
        decision: call.routingDecision,
        totalCost: call.totalCost,
        latencyMs: call.latencyMs,
        error: call.error,
        judgeScore: call.qualityEvaluation?.judgeScore ?? null,
        prompt: call.prompt ?? null,
      })),
      sample: { size: sample.calls.length, scannedFrom: sample.scannedFrom?.getTime() ?? null },
    });
  });
}
