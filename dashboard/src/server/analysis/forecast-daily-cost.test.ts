import { describe, expect, it } from 'vitest';
import { forecastDailyCost } from './forecast-daily-cost.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5); // a Monday

describe('forecastDailyCost', () => {
  it('projects the last week’s run-rate with a range that holds the projection', () => {
    const daily = [10, 12, 11, 9, 10, 12, 11, 10].map((cost, i) => ({ day: T0 + i * DAY, cost }));
    const now = T0 + 8 * DAY + 3_600_000; // one hour into day 8: day 8 is partial and ignored
    const forecast = forecastDailyCost([...daily, { day: T0 + 8 * DAY, cost: 0.5 }], 30, now);
    expect(forecast?.history).toHaveLength(8);
    const lastWeek = [12, 11, 9, 10, 12, 11, 10];
    const rate = lastWeek.reduce((a, b) => a + b, 0) / 7;
    expect(forecast?.runRatePerDay).toBeCloseTo(rate, 10);
    expect(forecast?.simple.total).toBeCloseTo(rate * 30, 10);
    expect(forecast?.simple.low).toBeLessThan(rate * 30);
    expect(forecast?.simple.high).toBeGreaterThan(rate * 30);
  });

  it('counts days without calls as $0', () => {
    const forecast = forecastDailyCost(
      [
        { day: T0, cost: 14 },
        { day: T0 + 6 * DAY, cost: 7 },
      ],
      7,
      T0 + 7 * DAY,
    );
    expect(forecast?.history.map((d) => d.cost)).toEqual([14, 0, 0, 0, 0, 0, 7]);
    expect(forecast?.runRatePerDay).toBeCloseTo(3, 10);
  });

  it('follows a linear trend exactly when costs grow linearly', () => {
    const daily = Array.from({ length: 10 }, (_, i) => ({ day: T0 + i * DAY, cost: 5 + 2 * i }));
    const forecast = forecastDailyCost(daily, 3, T0 + 10 * DAY);
    expect(forecast?.advanced?.slopePerDay).toBeCloseTo(2, 10);
    expect(forecast?.advanced?.points.map((p) => p.cost)).toEqual([25, 27, 29].map((v) => expect.closeTo(v, 8)));
    expect(forecast?.advanced?.total).toBeCloseTo(81, 8);
  });

  it('returns null without a complete day', () => {
    expect(forecastDailyCost([{ day: T0, cost: 3 }], 30, T0 + 3_600_000)).toBeNull();
  });
});
