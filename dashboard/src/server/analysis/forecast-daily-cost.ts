import { studentTQuantile } from './statistics.js';

export interface DailyCost {
  /** Start of the UTC day, epoch ms. */
  day: number;
  /** US dollars. */
  cost: number;
}

export interface ForecastPoint extends DailyCost {
  low: number;
  high: number;
}

export interface CostForecast {
  /** Complete days the forecast was fitted on (days without calls count as $0). */
  history: DailyCost[];
  horizonDays: number;
  /** Mean cost per day over the last (up to) seven complete days. */
  runRatePerDay: number;
  /** Run-rate × horizon, with a 95% range from the day-to-day spread; `day` is the range for any single day. */
  simple: { total: number; low: number; high: number; day: { low: number; high: number } };
  /** Linear trend with a weekday pattern (when two weeks are known), with a 95% prediction range. */
  advanced: { total: number; low: number; high: number; slopePerDay: number; points: ForecastPoint[] } | null;
}

const DAY_MS = 86_400_000;
/** Days averaged for the run-rate: one week, so weekends weigh in once. */
const RUN_RATE_DAYS = 7;

/**
 * Forecast spend over the next `horizonDays` from observed daily costs. Only complete
 * days count (the partial current day would drag the rate down), and missing days in
 * between are $0. Returns null with no complete day.
 */
export function forecastDailyCost(daily: readonly DailyCost[], horizonDays: number, now: number): CostForecast | null {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const complete = daily.filter((d) => d.day < today);
  if (complete.length === 0) return null;
  const first = Math.min(...complete.map((d) => d.day));
  const byDay = new Map(complete.map((d) => [d.day, d.cost]));
  const history: DailyCost[] = [];
  for (let day = first; day < today; day += DAY_MS) history.push({ day, cost: byDay.get(day) ?? 0 });

  const recent = history.slice(-RUN_RATE_DAYS).map((d) => d.cost);
  const n = recent.length;
  const runRatePerDay = recent.reduce((a, b) => a + b, 0) / n;
  const total = runRatePerDay * horizonDays;
  let simple = { total, low: total, high: total, day: { low: runRatePerDay, high: runRatePerDay } };
  if (n >= 2) {
    const variance = recent.reduce((acc, c) => acc + (c - runRatePerDay) ** 2, 0) / (n - 1);
    const t = studentTQuantile(0.975, n - 1);
    // Day-to-day noise over the horizon plus the uncertainty of the rate itself.
    const half = t * Math.sqrt(variance * horizonDays + (variance * horizonDays * horizonDays) / n);
    const dayHalf = t * Math.sqrt(variance * (1 + 1 / n));
    simple = {
      total,
      low: Math.max(0, total - half),
      high: total + half,
      day: { low: Math.max(0, runRatePerDay - dayHalf), high: runRatePerDay + dayHalf },
    };
  }
  return {
    history,
    horizonDays,
    runRatePerDay,
    simple,
    advanced: history.length >= 5 ? fitTrend(history, horizonDays, today) : null,
  };
}

/** Ordinary least squares on (day index, cost), seasonal factors per weekday, exact OLS prediction variance. */
function fitTrend(history: readonly DailyCost[], horizonDays: number, today: number): CostForecast['advanced'] {
  const useWeekdays = history.length >= 14;
  const factors = useWeekdays ? weekdayFactors(history) : new Array(7).fill(1);
  // Fit the trend on de-seasonalised costs.
  const ys = history.map((d) => d.cost / factors[new Date(d.day).getUTCDay()]);
  const n = ys.length;
  const xs = ys.map((_, i) => i);
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - meanX) ** 2;
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i] - (intercept + slope * xs[i])) ** 2;
  const s2 = sse / Math.max(1, n - 2);
  const t = studentTQuantile(0.975, Math.max(1, n - 2));

  const points: ForecastPoint[] = [];
  let total = 0;
  let sumX = 0;
  for (let h = 0; h < horizonDays; h++) {
    const x = n + h;
    const day = today + h * DAY_MS;
    const factor = factors[new Date(day).getUTCDay()];
    const fitted = Math.max(0, (intercept + slope * x) * factor);
    const half = t * Math.sqrt(s2 * (1 + 1 / n + (x - meanX) ** 2 / sxx)) * factor;
    points.push({ day, cost: fitted, low: Math.max(0, fitted - half), high: fitted + half });
    total += fitted;
    sumX += x;
  }
  // Variance of the summed forecast: h days of independent noise plus the variance of the
  // summed fitted line, L (X'X)^-1 L' with L = [h, Σx], written out for simple regression.
  const h = horizonDays;
  const lineVariance = s2 * ((h * h) / n + (sumX - h * meanX) ** 2 / sxx);
  const half = t * Math.sqrt(s2 * h + lineVariance);
  return { total, low: Math.max(0, total - half), high: total + half, slopePerDay: slope, points };
}

/** Mean cost of each weekday relative to the overall mean (1 = average day). */
function weekdayFactors(history: readonly DailyCost[]): number[] {
  const overall = history.reduce((a, d) => a + d.cost, 0) / history.length;
  const sums = new Array(7).fill(0);
  const counts = new Array(7).fill(0);
  for (const d of history) {
    const weekday = new Date(d.day).getUTCDay();
    sums[weekday] += d.cost;
    counts[weekday]++;
  }
  return sums.map((sum, i) => (counts[i] > 0 && overall > 0 ? Math.max(0.05, sum / counts[i] / overall) : 1));
}
