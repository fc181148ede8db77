import { expect } from 'vitest';

/**
 * Plain reference statistics for the property tests: each written from its textbook
 * definition over the raw values, sharing nothing with `server/analysis/statistics.ts` (no
 * rollup sums, no stdlib): the Student t and normal distributions by numeric integration,
 * their quantiles by bisection, Wilson's interval as the roots of its quadratic, and
 * Mann–Whitney's counts by comparing every pair.
 */

/** Composite Simpson's rule over [a, b] with `steps` (even) intervals. */
function integrate(f: (x: number) => number, a: number, b: number, steps = 4000): number {
  if (b <= a) return 0;
  const h = (b - a) / steps;
  let sum = f(a) + f(b);
  for (let i = 1; i < steps; i++) sum += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

const tNormalizers = new Map<number, number>();

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom. With t = √df·tan θ the density
 * becomes proportional to cos^(df−1) θ on (−π/2, π/2), a bounded integrand; the upper tail
 * is integrated directly so small p-values keep their digits.
 */
export function referenceTCdf(t: number, df: number): number {
  const density = (theta: number) => Math.cos(theta) ** (df - 1);
  let half = tNormalizers.get(df);
  if (half === undefined) {
    half = integrate(density, 0, Math.PI / 2, 20_000);
    tNormalizers.set(df, half);
  }
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const tail = (0.5 * integrate(density, theta, Math.PI / 2, 6_000)) / half;
  return t >= 0 ? 1 - tail : tail;
}

/** P(Z ≤ z) for the standard normal, its upper tail integrated directly. */
export function referenceNormalCdf(z: number): number {
  const density = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  const a = Math.abs(z);
  const tail = integrate(density, a, a + 40, 20_000);
  return z >= 0 ? 1 - tail : tail;
}

/** The `p` quantile of an increasing CDF, by bisection within [low, high]. */
function quantile(cdf: (x: number) => number, p: number, low: number, high: number): number {
  for (let i = 0; i < 45; i++) {
    const mid = (low + high) / 2;
    if (cdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

const tQuantiles = new Map<number, number>();

/** The 97.5% quantile of Student's t (the half-width factor of a 95% interval). */
export function referenceT975(df: number): number {
  let value = tQuantiles.get(df);
  if (value === undefined) {
    // Between the normal's 1.96 and the Cauchy's 12.71 (df ≥ 1).
    value = quantile((x) => referenceTCdf(x, df), 0.975, 1.9, 13);
    tQuantiles.set(df, value);
  }
  return value;
}

/** The 97.5% quantile of the standard normal (≈ 1.96). */
export const Z975 = quantile(referenceNormalCdf, 0.975, 1.9, 2);

export interface ReferenceMean {
  n: number;
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Mean with the 95% Student t interval, mean ± t(0.975, n−1)·s/√n, s the sample standard
 * deviation (two-pass); no interval below two values, nothing at all for none.
 */
export function referenceMean(values: readonly number[]): ReferenceMean {
  const n = values.length;
  if (n === 0) return { n: 0, mean: null, sd: null, low: null, high: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (referenceT975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, low: mean - half, high: mean + half };
}

/**
 * Wilson's 95% score interval: the proportions p with |p̂ − p| ≤ z·√(p(1−p)/n), i.e. the
 * roots of (1 + z²/n)p² − (2p̂ + z²/n)p + p̂² = 0. Nothing for n = 0.
 */
export function referenceWilson(
  successes: number,
  n: number,
): { rate: number | null; low: number | null; high: number | null } {
  if (n === 0) return { rate: null, low: null, high: null };
  const p = successes / n;
  const z2 = Z975 * Z975;
  const a = 1 + z2 / n;
  const b = -(2 * p + z2 / n);
  const c = p * p;
  const root = Math.sqrt(Math.max(0, b * b - 4 * a * c));
  return { rate: p, low: Math.max(0, (-b - root) / (2 * a)), high: Math.min(1, (-b + root) / (2 * a)) };
}

/**
 * Welch's unequal-variance t-test of mean(a) − mean(b): Welch–Satterthwaite degrees of
 * freedom, a 95% interval and the two-sided p-value. Nothing below two values a side.
 */
export function referenceWelch(a: readonly number[], b: readonly number[]) {
  const ea = referenceMean(a);
  const eb = referenceMean(b);
  if (ea.sd === null || eb.sd === null || ea.mean === null || eb.mean === null) return null;
  const va = ea.sd ** 2 / ea.n;
  const vb = eb.sd ** 2 / eb.n;
  const difference = ea.mean - eb.mean;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { difference, pValue: difference === 0 ? 1 : 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (ea.n - 1) + vb ** 2 / (eb.n - 1));
  const t = difference / se;
  const half = referenceT975(df) * se;
  return {
    difference,
    t,
    df,
    low: difference - half,
    high: difference + half,
    pValue: 2 * referenceTCdf(-Math.abs(t), df),
  };
}

/**
 * Mann–Whitney over every (a, b) pair: a win when a's value is higher, ties half a win;
 * the p-value from the normal approximation of U with the tie correction
 * σ² = n₁n₂/12 · (n + 1 − Σ(t³ − t)/(n(n − 1))). Nothing when a side is empty.
 */
export function referenceMannWhitney(a: readonly number[], b: readonly number[]) {
  if (a.length === 0 || b.length === 0) return null;
  let wins = 0;
  let losses = 0;
  let ties = 0;
  for (const x of a) {
    for (const y of b) {
      if (x > y) wins++;
      else if (x < y) losses++;
      else ties++;
    }
  }
  const pairs = a.length * b.length;
  const n = a.length + b.length;
  const counts = new Map<number, number>();
  for (const v of [...a, ...b]) counts.set(v, (counts.get(v) ?? 0) + 1);
  const tieTerm = [...counts.values()].reduce((sum, t) => sum + t ** 3 - t, 0);
  const variance = ((a.length * b.length) / 12) * (n + 1 - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
  const u = wins + ties / 2;
  const z = variance > 0 ? (u - pairs / 2) / Math.sqrt(variance) : 0;
  return { winRate: u / pairs, wins, losses, ties, pairs, pValue: Math.min(1, 2 * referenceNormalCdf(-Math.abs(z))) };
}

/** Numbers or nulls, field by field, to `digits` decimals (nulls exactly). */
export function expectClose(actual: object | null | undefined, expected: object, where: string, digits = 7): void {
  expect(actual, `${where}: missing`).toBeTruthy();
  for (const [key, value] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[key];
    const label = `${where}: ${key} (got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)})`;
    if (typeof value === 'number') expect(got, label).toBeCloseTo(value, digits);
    else expect(got, label).toEqual(value);
  }
}
