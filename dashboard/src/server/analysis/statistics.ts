import { createRequire } from 'node:module';
import type stdlibNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type stdlibStudentTCdf from '@stdlib/stats-base-dists-t-cdf';
import type stdlibStudentTQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Statistics for the dashboard's comparisons: every mean shown comes with its sample size
 * and a 95% interval, every A/B difference with a p-value. The distributions are stdlib's
 * (accurate to ~1e-13, tails included); the formulas on top are written here, because the
 * mean interval and Welch's test start from rollup sums (count, sum, sum of squares) rather
 * than the raw values a package's t-test takes, and no maintained package has Mann–Whitney
 * with the win/loss/tie counts the Prompt Optimizer shows.
 */

/**
 * Degrees of freedom past which Student's t is used as the normal (they differ by < 1e-9
 * there): stdlib's t functions return 0.5 and NaN at Infinity, and its quantile loses
 * precision past ~1e15.
 */
const NORMAL_LIMIT_DF = 1e10;

const load = createRequire(import.meta.url);
let stdlib:
  | { normalCdf: typeof stdlibNormalCdf; tCdf: typeof stdlibStudentTCdf; tQuantile: typeof stdlibStudentTQuantile }
  | undefined;

/**
 * stdlib's distributions, loaded on first use: they are ~140 small modules (~0.1 s), which
 * every CLI verb would otherwise pay at start because `serve` imports the routes.
 */
function distributions(): NonNullable<typeof stdlib> {
  stdlib ??= {
    normalCdf: load('@stdlib/stats-base-dists-normal-cdf'),
    tCdf: load('@stdlib/stats-base-dists-t-cdf'),
    tQuantile: load('@stdlib/stats-base-dists-t-quantile'),
  };
  return stdlib;
}

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
    // From the lower tail, so a tiny p-value stays tiny instead of rounding to 0 in 1 - cdf.
    pValue: 2 * studentTCdf(-Math.abs(t), df),
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
  return { winRate: u / pairs, wins, losses, ties, pairs, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
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

/**
 * P(X ≤ k) for X ~ Poisson(lambda): how likely as few as k events are when lambda are usual.
 * Summed term by term in logs (e^−λ underflows past λ ≈ 745); k is small where it is asked.
 */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  let logTerm = -lambda;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += Math.exp(logTerm);
    logTerm += Math.log(lambda / (i + 1));
  }
  return Math.min(1, sum);
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return distributions().normalCdf(z, 0, 1);
}

/** Student t CDF with `df` degrees of freedom (not necessarily whole: Welch's df is fractional). */
export function studentTCdf(t: number, df: number): number {
  return distributions().tCdf(t, Math.min(df, NORMAL_LIMIT_DF));
}

/** Quantile of Student's t with `df` degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  return distributions().tQuantile(p, Math.min(df, NORMAL_LIMIT_DF));
}

/** A seeded source of numbers in [0, 1) (mulberry32): a judgement drawn by chance, or a test history, is the same every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
