/**
 * Small, dependency-free statistics for the dashboard's comparisons: every mean shown
 * comes with its sample size and a 95% interval, every A/B difference with a p-value.
 */

/** Mean with a 95% confidence interval (Student t), from count, sum and sum of squares. */
export interface MeanEstimate {
  n: number;
  mean: number | null;
  sd: number | null;
  /** 95% interval for the mean; null with fewer than two observations. */
  low: number | null;
  high: number | null;
}

export function estimateMean(n: number, sum: number, sumOfSquares: number): MeanEstimate {
  if (n <= 0) return { n: 0, mean: null, sd: null, low: null, high: null };
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}

/** Mean estimate from raw values. */
export function estimateMeanOf(values: readonly number[]): MeanEstimate {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  return estimateMean(values.length, sum, squares);
}

/** Wilson score interval (95%) for a proportion: stays inside [0, 1] and behaves at 0 and n. */
export function wilsonInterval(
  successes: number,
  n: number,
): { rate: number | null; low: number | null; high: number | null } {
  if (n <= 0) return { rate: null, low: null, high: null };
  const z = 1.959963984540054;
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface WelchResult {
  /** mean(a) − mean(b). */
  difference: number;
  /** 95% interval for the difference. */
  low: number;
  high: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  pValue: number;
}

/** Welch's two-sample t-test on summary statistics; null when either side has fewer than two values. */
export function welchTTest(a: MeanEstimate, b: MeanEstimate): WelchResult | null {
  if (a.n < 2 || b.n < 2 || a.mean === null || b.mean === null || a.sd === null || b.sd === null) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  const difference = a.mean - b.mean;
  if (se === 0) {
    return {
      difference,
      low: difference,
      high: difference,
      t: difference === 0 ? 0 : Number.POSITIVE_INFINITY,
      df: a.n + b.n - 2,
      pValue: difference === 0 ? 1 : 0,
    };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = difference / se;
  const half = studentTQuantile(0.975, df) * se;
  return {
    difference,
    low: difference - half,
    high: difference + half,
    t,
    df,
    pValue: 2 * (1 - studentTCdf(Math.abs(t), df)),
  };
}

export interface MannWhitneyResult {
  /** P(a random value of A beats a random value of B), ties counting half: the "win rate" of A over B. */
  winRate: number;
  wins: number;
  losses: number;
  ties: number;
  /** Pairs compared: nA × nB. */
  pairs: number;
  /** Two-sided p-value (normal approximation with tie correction). */
  pValue: number;
}

/**
 * Mann–Whitney U over every (a, b) pair, counted exactly by sorting (O(n log n)), with the
 * win/loss/tie counts the Prompt Optimizer's heatmap shows.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitneyResult | null {
  if (a.length === 0 || b.length === 0) return null;
  const sortedB = [...b].sort((x, y) => x - y);
  let wins = 0;
  let ties = 0;
  for (const value of a) {
    const below = lowerBound(sortedB, value);
    const upTo = upperBound(sortedB, value);
    wins += below;
    ties += upTo - below;
  }
  const pairs = a.length * b.length;
  const losses = pairs - wins - ties;
  const u = wins + ties / 2;
  const n1 = a.length;
  const n2 = b.length;
  const all = [...a, ...b].sort((x, y) => x - y);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    const size = j - i;
    tieTerm += size ** 3 - size;
    i = j;
  }
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1) || 1));
  const z = variance > 0 ? (u - pairs / 2) / Math.sqrt(variance) : 0;
  return { winRate: u / pairs, wins, losses, ties, pairs, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Student t CDF through the regularized incomplete beta function. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return normalCdf(t);
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Quantile of Student's t by bisection on the CDF (monotone, so 80 halvings are plenty). */
export function studentTQuantile(p: number, df: number): number {
  if (df > 1e6) return normalQuantileByBisection(p);
  let low = -1000;
  let high = 1000;
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function normalQuantileByBisection(p: number): number {
  let low = -40;
  let high = 40;
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** I_x(a, b), by the continued fraction in Numerical Recipes (betacf). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 3e-14) break;
  }
  return h;
}

/** Lanczos approximation of ln Γ(x). */
function logGamma(x: number): number {
  const g = [
    676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  let sum = 0.99999999999980993;
  const shifted = x - 1;
  for (let i = 0; i < g.length; i++) sum += g[i] / (shifted + i + 1);
  const t = shifted + g.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}
