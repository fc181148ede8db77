import { describe, expect, it } from 'vitest';
import { growForecast } from './grow-forecast.js';

const DAY = 86_400_000;
const forecast = {
  total: 40,
  low: 30,
  high: 50,
  slopePerDay: 0,
  points: [0, 30, 60, 90].map((d) => ({ day: d * DAY, cost: 10, low: 8, high: 12 })),
};

describe('growForecast', () => {
  it('keeps the fitted forecast at 0% growth', () => {
    expect(growForecast(forecast, 0)).toEqual({ points: forecast.points, total: 40, low: 30, high: 50 });
  });

  it('compounds monthly growth from the first day and scales the totals with it', () => {
    const grown = growForecast(forecast, 100);
    expect(grown.points.map((p) => p.cost)).toEqual([10, 20, 40, 80]);
    expect(grown.points[1]).toMatchObject({ low: 16, high: 24 });
    expect(grown.total).toBeCloseTo(150);
    expect(grown.low).toBeCloseTo(30 * 3.75);
  });
});
