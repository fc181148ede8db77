import type { CostForecast, ForecastPoint } from '../../../shared/api-types.js';

const DAY = 86_400_000;

/** A forecast's daily points and totals (dollars). */
export interface GrownForecast {
  points: ForecastPoint[];
  total: number;
  low: number;
  high: number;
}

/**
 * The advanced forecast (fitted trend × weekday pattern) with the user's monthly growth
 * compounding on top from its first day; totals and range scale with the grown points.
 */
export function growForecast(forecast: NonNullable<CostForecast['advanced']>, growthPercent: number): GrownForecast {
  const start = forecast.points[0]?.day ?? 0;
  const factor = (day: number) => (1 + growthPercent / 100) ** ((day - start) / (30 * DAY));
  const points = forecast.points.map((p) => ({
    ...p,
    cost: p.cost * factor(p.day),
    low: p.low * factor(p.day),
    high: p.high * factor(p.day),
  }));
  const scale = points.reduce((s, p) => s + p.cost, 0) / Math.max(1e-12, forecast.total);
  return { points, total: forecast.total * scale, low: forecast.low * scale, high: forecast.high * scale };
}
