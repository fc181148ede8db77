import type { CallSample, TimeSeriesPoint } from '@observatory/core';
import { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { readEnum, readRange } from '../query-params.js';
import { reply } from '../reply.js';

const WINDOWS = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '24h': 86_400_000 } as const;
/** Bucket width per window: about 30–60 bars each. */
const BUCKET_MS = { '5m': 10_000, '15m': 30_000, '1h': 60_000, '24h': 3_600_000 } as const;
const EVENT_COUNT = 50;

/**
 * GET /api/live?project=&window=5m|15m|1h|24h → the live view: window totals, a bucketed
 * series, per-agent activity (the busiest first) and the newest calls. Windows up to an hour
 * are summed from the calls themselves by the database (index range scans); 24h from the
 * hourly rollups, which keep no times: there an agent's `lastSeen` is known only when one of
 * the newest calls is its own (null otherwise).
 */
export function liveRoutes(ctx: AppContext): Hono {
  return new Hono().get('/live', async (c) => {
    const now = ctx.now();
    const { projectName } = readRange(c, now);
    const window = readEnum(c, 'window', ['5m', '15m', '1h', '24h'] as const, '15m');
    const from = new Date(now - WINDOWS[window]);
    const bucket = BUCKET_MS[window];
    const eventsPromise = ctx.storage.sampleCalls({
      projectName,
      limit: EVENT_COUNT,
      scanLimit: EVENT_COUNT,
      promptChars: 160,
    });

    if (window === '24h') {
      const hourFrom = new Date(Math.floor(from.getTime() / bucket) * bucket);
      const [overview, points, agents, events] = await Promise.all([
        ctx.storage.getOverview({ projectName, from: hourFrom }),
        ctx.storage.getTimeSeries({ projectName, from: hourFrom, interval: 'hour' }),
        ctx.storage.getBreakdown('agent', { projectName, from: hourFrom }),
        eventsPromise,
      ]);
      const lastSeen = lastSeenByAgent(events.calls);
      return reply(c, 'GET /api/live', {
        window,
        now,
        from: hourFrom.getTime(),
        bucketMs: bucket,
        totals: {
          calls: overview.totalCalls,
          errors: overview.errorCalls,
          errorRate: overview.errorRate,
          cost: overview.totalCost,
          tokens: overview.totalTokens,
          avgLatencyMs: overview.avgLatencyMs,
          p95LatencyMs: overview.p95LatencyMs,
          callsPerMinute: overview.totalCalls / ((now - hourFrom.getTime()) / 60_000),
        },
        series: seriesUpToNow(points, now, bucket),
        // The busiest first, as for the shorter windows: the page lists the top few by calls
        // (the breakdown comes costliest first).
        agents: [...agents]
          .sort((a, b) => b.totalCalls - a.totalCalls)
          .map((a) => ({
            agent: a.key,
            calls: a.totalCalls,
            errors: a.errorCalls,
            cost: a.totalCost,
            avgLatencyMs: a.avgLatencyMs,
            lastSeen: lastSeen.get(a.key) ?? null,
          })),
        events: events.calls.map(toEvent),
      });
    }

    const [activity, events] = await Promise.all([
      ctx.storage.getWindowActivity({ projectName, from, bucketMs: bucket }),
      eventsPromise,
    ]);
    const start = Math.floor(from.getTime() / bucket) * bucket;
    const series = [];
    for (let t = start; t <= now; t += bucket) series.push({ time: t, calls: 0, errors: 0, cost: 0 });
    const agents = new Map<
      string,
      { agent: string; calls: number; errors: number; cost: number; latency: number; lastSeen: number }
    >();
    const totals = { calls: 0, errors: 0, cost: 0, tokens: 0, latency: 0 };
    for (const group of activity.groups) {
      // A call stamped after now (a client's clock ahead of ours) counts in the bucket of now,
      // as it counts in the totals: the series ends at now.
      const point = series[Math.min(series.length - 1, Math.floor((group.time - start) / bucket))];
      if (point) {
        point.calls += group.calls;
        point.cost += group.cost;
        point.errors += group.errors;
      }
      totals.calls += group.calls;
      totals.errors += group.errors;
      totals.cost += group.cost;
      totals.tokens += group.tokens;
      totals.latency += group.latencySumMs;
      let agent = agents.get(group.agentName);
      if (!agent) {
        agent = { agent: group.agentName, calls: 0, errors: 0, cost: 0, latency: 0, lastSeen: 0 };
        agents.set(group.agentName, agent);
      }
      agent.calls += group.calls;
      agent.errors += group.errors;
      agent.cost += group.cost;
      agent.latency += group.latencySumMs;
      agent.lastSeen = Math.max(agent.lastSeen, group.lastSeen.getTime());
    }
    const n = totals.calls;
    return reply(c, 'GET /api/live', {
      window,
      now,
      from: from.getTime(),
      bucketMs: bucket,
      totals: {
        calls: n,
        errors: totals.errors,
        errorRate: n > 0 ? totals.errors / n : 0,
        cost: totals.cost,
        tokens: totals.tokens,
        avgLatencyMs: n > 0 ? totals.latency / n : 0,
        p95LatencyMs: activity.p95LatencyMs,
        callsPerMinute: n / (WINDOWS[window] / 60_000),
      },
      series,
      agents: [...agents.values()]
        .sort((a, b) => b.calls - a.calls)
        .map((a) => ({
          agent: a.agent,
          calls: a.calls,
          errors: a.errors,
          cost: a.cost,
          avgLatencyMs: a.latency / a.calls,
          lastSeen: a.lastSeen,
        })),
      events: events.calls.map(toEvent),
    });
  });
}

/** The hourly points, those after the hour of now (calls stamped ahead of our clock) counted in it, as in the shorter windows. */
function seriesUpToNow(points: TimeSeriesPoint[], now: number, bucket: number) {
  const last = Math.floor(now / bucket) * bucket;
  const series: Array<{ time: number; calls: number; errors: number; cost: number }> = [];
  for (const p of points) {
    const time = Math.min(p.time, last);
    const point = series.at(-1);
    if (point?.time === time) {
      point.calls += p.totalCalls;
      point.errors += p.errorCalls;
      point.cost += p.totalCost;
    } else series.push({ time, calls: p.totalCalls, errors: p.errorCalls, cost: p.totalCost });
  }
  return series;
}

function lastSeenByAgent(calls: CallSample[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const call of calls) {
    const name = call.agentName ?? '';
    seen.set(name, Math.max(seen.get(name) ?? 0, call.timestamp.getTime()));
  }
  return seen;
}

function toEvent(call: CallSample) {
  return {
    id: call.id,
    sessionId: call.sessionId,
    projectName: call.projectName,
    timestamp: call.timestamp.getTime(),
    provider: call.provider,
    modelName: call.modelName,
    agentName: call.agentName,
    operationName: call.operationName,
    promptTokens: call.promptTokens,
    completionTokens: call.completionTokens,
    totalCost: call.totalCost,
    latencyMs: call.latencyMs,
    error: call.error,
    prompt: call.prompt ?? null,
    cacheHit: call.cacheMetadata ? call.cacheMetadata.cacheHit : null,
    judgeScore: call.qualityEvaluation?.judgeScore ?? null,
    routed: call.routingDecision !== null,
  };
}
