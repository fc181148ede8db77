import type { BreakdownRow, CallSample } from '@observatory/core';
import { Hono } from 'hono';
import { BadRequest } from '../../bad-request.js';
import { judgeEstimate } from '../analysis/judge-estimate.js';
import { welchTTest, wilsonInterval } from '../analysis/statistics.js';
import type { AppContext } from '../app-context.js';
import { pickInterval, readEnum, readRange, readText, wholeHours } from '../query-params.js';
import { reply } from '../reply.js';

/** Judged calls read for error categories, the score histogram and best/worst examples. */
const JUDGE_SAMPLE = 1000;

/**
 * GET /api/judge → quality KPIs with intervals, the score trend, leaderboards per model and
 * agent (rollups), and error categories, score histogram and best/worst answers (a bounded
 * sample of judged calls). GET /api/judge/compare?by=model|agent&a=&b= → Welch's t-test.
 */
export function judgeRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/judge', async (c) => {
      const now = ctx.now();
      const filter = readRange(c, now);
      const overview = await ctx.storage.getOverview(filter);
      if (overview.judgedCalls === 0)
        return reply(c, 'GET /api/judge', { empty: true, totalCalls: overview.totalCalls });
      // An open range starts on the selected project's first day, not on any project's.
      const interval = pickInterval(
        filter,
        now,
        filter.from ? null : await ctx.storage.getFirstDay(filter.projectName),
      );
      const [series, byModel, byAgent, sample] = await Promise.all([
        ctx.storage.getTimeSeries({ ...filter, interval }),
        ctx.storage.getBreakdown('model', filter),
        ctx.storage.getBreakdown('agent', filter),
        // Over the hours the KPIs count, so the histogram holds the same judged calls.
        ctx.samples.get({
          ...wholeHours(filter),
          require: 'quality',
          limit: JUDGE_SAMPLE,
          promptChars: 300,
          responseChars: 300,
        }),
      ]);
      const judged = sample.calls.filter((call) => call.qualityEvaluation);
      const categories = new Map<string, { count: number; scoreSum: number }>();
      const histogram = new Array(11).fill(0);
      for (const call of judged) {
        const evaluation = call.qualityEvaluation;
        if (!evaluation) continue;
        histogram[Math.min(10, Math.max(0, Math.floor(evaluation.judgeScore)))]++;
        if (evaluation.errorCategory) {
          const entry = categories.get(evaluation.errorCategory) ?? { count: 0, scoreSum: 0 };
          entry.count++;
          entry.scoreSum += evaluation.judgeScore;
          categories.set(evaluation.errorCategory, entry);
        }
      }
      const byScore = [...judged].sort(
        (a, b) => (b.qualityEvaluation?.judgeScore ?? 0) - (a.qualityEvaluation?.judgeScore ?? 0),
      );
      return reply(c, 'GET /api/judge', {
        empty: false,
        interval,
        kpis: {
          judgedCalls: overview.judgedCalls,
          coverage: overview.totalCalls > 0 ? overview.judgedCalls / overview.totalCalls : 0,
          score: judgeEstimate(overview),
          hallucinations: {
            count: overview.hallucinations,
            ...wilsonInterval(overview.hallucinations, overview.judgedCalls),
          },
          factualErrors: {
            count: overview.factualErrors,
            ...wilsonInterval(overview.factualErrors, overview.judgedCalls),
          },
        },
        trend: series
          .filter((p) => p.judgedCalls > 0)
          .map((p) => ({ time: p.time, ...judgeEstimate(p), hallucinations: p.hallucinations })),
        leaderboards: { model: leaderboard(byModel), agent: leaderboard(byAgent) },
        errorCategories: [...categories.entries()]
          .map(([category, e]) => ({
            category,
            count: e.count,
            share: e.count / judged.length,
            avgScore: e.scoreSum / e.count,
          }))
          .sort((a, b) => b.count - a.count),
        histogram: histogram.map((count, score) => ({ score, count })),
        best: byScore.slice(0, 5).map(toExample),
        worst: byScore.slice(-5).reverse().map(toExample),
        sample: { size: judged.length, scannedFrom: sample.scannedFrom?.getTime() ?? null },
      });
    })
    .get('/judge/compare', async (c) => {
      const filter = readRange(c, ctx.now());
      const by = readEnum(c, 'by', ['model', 'agent'] as const, 'model');
      const a = readText(c, 'a');
      const b = readText(c, 'b');
      if (!a) throw new BadRequest('a', c.req.query('a') ?? null, `the first ${by} to compare`);
      if (!b) throw new BadRequest('b', c.req.query('b') ?? null, `the second ${by} to compare`);
      const key = by === 'model' ? 'modelName' : 'agentName';
      const [ta, tb] = await Promise.all([
        ctx.storage.getTotals({ ...filter, [key]: a }),
        ctx.storage.getTotals({ ...filter, [key]: b }),
      ]);
      const ea = judgeEstimate(ta);
      const eb = judgeEstimate(tb);
      return reply(c, 'GET /api/judge/compare', {
        by,
        a: {
          name: a,
          score: ea,
          hallucinations: wilsonInterval(ta.hallucinations, ta.judgedCalls),
          costPerCall: ta.totalCalls ? ta.totalCost / ta.totalCalls : null,
        },
        b: {
          name: b,
          score: eb,
          hallucinations: wilsonInterval(tb.hallucinations, tb.judgedCalls),
          costPerCall: tb.totalCalls ? tb.totalCost / tb.totalCalls : null,
        },
        test: welchTTest(ea, eb),
      });
    });
}

function leaderboard(rows: BreakdownRow[]) {
  return rows
    .filter((r) => r.judgedCalls > 0)
    .map((r) => ({
      key: r.key,
      provider: r.provider ?? null,
      score: judgeEstimate(r),
      hallucinationRate: wilsonInterval(r.hallucinations, r.judgedCalls),
      costPerCall: r.totalCalls > 0 ? r.totalCost / r.totalCalls : 0,
      calls: r.totalCalls,
    }))
    .sort((x, y) => (y.score.mean ?? 0) - (x.score.mean ?? 0));
}

function toExample(call: CallSample) {
  return {
    id: call.id,
    timestamp: call.timestamp.getTime(),
    agentName: call.agentName,
    modelName: call.modelName,
    evaluation: call.qualityEvaluation,
    prompt: call.prompt ?? null,
    responseText: call.responseText ?? null,
  };
}
