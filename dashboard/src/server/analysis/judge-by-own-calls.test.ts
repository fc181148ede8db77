import type { RecentCallFigures } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import type { Anomaly, CallFigure, ReadCallFigure } from './detect-anomalies.js';
import { beyondOwnCalls, chanceOfFigure, MAX_OWN_CALLS_CHANCE, needsOwnCalls } from './judge-by-own-calls.js';

/** An anomaly of `calls` calls whose figure (`callFigure`) reached `value`. */
function anomaly(
  callFigure: CallFigure,
  value: number,
  calls: number,
  usualCalls = calls,
): Anomaly & {
  callFigures: ReadCallFigure[];
} {
  return {
    seriesKey: 'agent:Router',
    metric: callFigure.of === 'latenciesMs' ? 'p95LatencyMs' : callFigure.of === 'tokens' ? 'tokensPerCall' : 'cost',
    hourStart: 0,
    value,
    expectedLow: 0,
    expectedHigh: 0,
    direction: 'spike',
    score: 4,
    reason: '',
    hours: 1,
    calls,
    usualCalls,
    callFigures: [{ ...callFigure, value }],
  };
}

/** 1,000 own calls, every `dearEvery`-th of them `dear`, the rest `cheap` (cost, tokens and latency alike). */
function ownCalls(cheap: number, dear: number, dearEvery: number, count = 1000): RecentCallFigures {
  const values = Array.from({ length: count }, (_, k) => (k % dearEvery === 0 ? dear : cheap * (1 + (k % 7) / 20)));
  return { costs: values, tokens: values, latenciesMs: values };
}

const COST_PER_CALL: CallFigure = { of: 'costs', statistic: 'mean' };

describe('beyondOwnCalls', () => {
  it('drops a cost per call that one dear call in ten gives among 3 calls, keeps one all 3 calls reach', () => {
    const own = ownCalls(0.01, 0.2, 10);
    // One dear call among three: a mean of ~$0.073, ×7 the cheap calls, which a 1-in-10 mix gives ~27% of the time.
    expect(beyondOwnCalls(anomaly(COST_PER_CALL, (0.2 + 0.01 + 0.01) / 3, 3), own)).toBe(false);
    // All three dear: (1/10)³ = 1e-3 of the time would reach $0.20; ×1.5 above the dear calls, never.
    expect(beyondOwnCalls(anomaly(COST_PER_CALL, 0.3, 3), own)).toBe(true);
  });

  it('keeps a ×5 rise of tokens per call over 6 calls of a series without a mix', () => {
    // No mix: 1,000 to 1,300 tokens a call.
    const own = ownCalls(1000, 1000, 7);
    expect(beyondOwnCalls(anomaly({ of: 'tokens', statistic: 'mean' }, 5000, 6), own)).toBe(true);
    expect(beyondOwnCalls(anomaly({ of: 'tokens', statistic: 'mean' }, 1100, 6), own)).toBe(false);
  });

  it("drops a p95 of 11 calls that one of the series' usual 30 s timeouts gives, read from the histogram", () => {
    // Five timeouts in the last 1,000 calls; the rollups read a p95 holding one as 34.5 s (its bucket is 30–40 s).
    const own = ownCalls(800, 30_000, 200);
    expect(beyondOwnCalls(anomaly({ of: 'latenciesMs', statistic: 'p95' }, 34_500, 11), own)).toBe(false);
    // Above any call it has made: stands.
    expect(beyondOwnCalls(anomaly({ of: 'latenciesMs', statistic: 'p95' }, 95_000, 11), own)).toBe(true);
  });

  it('keeps a p95 the slow kind of a mix gives when the median shows every call slower', () => {
    // One call in ten takes 4 s, the others ~1 s: the p95 of 30 calls is usually a slow one.
    const own = ownCalls(1000, 4000, 10);
    const p95 = anomaly({ of: 'latenciesMs', statistic: 'p95' }, 4200, 30);
    expect(beyondOwnCalls(p95, own)).toBe(false);
    const medianToo = (value: number) => ({
      ...p95,
      callFigures: [...p95.callFigures, { of: 'latenciesMs' as const, statistic: 'p50' as const, value }],
    });
    // Every call ×3: a median of 3.1 s over 30 calls, which the mix never gives.
    expect(beyondOwnCalls(medianToo(3100), own)).toBe(true);
    expect(beyondOwnCalls(medianToo(1100), own)).toBe(false);
  });

  it("judges an hour's cost as the total of a usual number of calls, which varies", () => {
    const own = ownCalls(0.01, 0.01, 7);
    const hourlyCost: CallFigure = { of: 'costs', statistic: 'usualTotal' };
    // 4 usual calls: 9 or more calls happen ~2% of the hours, so $0.09 is not rare; $0.20 (20 calls) is.
    expect(beyondOwnCalls(anomaly(hourlyCost, 0.095, 9, 4), own)).toBe(false);
    expect(beyondOwnCalls(anomaly(hourlyCost, 0.2, 6, 4), own)).toBe(true);
  });

  it('lets the anomaly stand as found when the series has too few own calls to say, or it is not a rise per call', () => {
    expect(beyondOwnCalls(anomaly(COST_PER_CALL, 0.073, 3), ownCalls(0.01, 0.2, 10, 40))).toBe(true);
    const drop = { ...anomaly(COST_PER_CALL, 0.001, 3), direction: 'drop' as const };
    expect(needsOwnCalls(drop)).toBe(false);
    const many = anomaly(COST_PER_CALL, 0.073, 500);
    expect(needsOwnCalls(many)).toBe(false);
    expect(beyondOwnCalls(many, ownCalls(0.01, 0.2, 10))).toBe(true);
    const { callFigures: _none, ...calls } = anomaly(COST_PER_CALL, 0.073, 3);
    expect(needsOwnCalls(calls)).toBe(false);
  });
});

describe('chanceOfFigure', () => {
  it('matches the exact chance of a mean and a median of draws, and gives it the same every time', () => {
    const own = ownCalls(1, 10, 4).costs;
    // P(at least one dear among 2) = 1 − (3/4)² = 0.4375.
    expect(chanceOfFigure(own, COST_PER_CALL, 2, 5)).toBeCloseTo(0.4375, 1);
    // The median (nearest rank) of 3 latencies is a slow one when 2 or more are: 3(1/4)²(3/4) + (1/4)³ = 0.15625.
    const latencies = ownCalls(100, 1000, 4).latenciesMs;
    expect(chanceOfFigure(latencies, { of: 'latenciesMs', statistic: 'p50' }, 3, 1000)).toBeCloseTo(0.15625, 1);
    // Rare ones are drawn to the end: all of 6 dear, (1/4)⁶ ≈ 2.4e-4, below the limit.
    const rare = chanceOfFigure(own, COST_PER_CALL, 6, 10);
    expect(rare).toBeLessThan(MAX_OWN_CALLS_CHANCE);
    expect(chanceOfFigure(own, COST_PER_CALL, 6, 10)).toBe(rare);
  });
});
