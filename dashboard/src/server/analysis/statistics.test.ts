import { describe, expect, it } from 'vitest';
import {
  estimateMean,
  estimateMeanOf,
  mannWhitney,
  normalCdf,
  poissonCdf,
  studentTCdf,
  studentTQuantile,
  welchTTest,
  wilsonInterval,
} from './statistics.js';

/** `actual` within a relative `tolerance` of `expected` (for tail probabilities far below 1e-6). */
function expectNear(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  const error = Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected);
  expect(error, `got ${actual}, expected ${expected} (relative error ${error})`).toBeLessThan(tolerance);
}

describe('distributions', () => {
  it('matches textbook values of the normal and Student t distributions', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
    expect(studentTCdf(2, 5)).toBeCloseTo(0.94903, 5);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 4);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
  });

  // Reference values from SciPy 1.17 (scipy.stats.norm / scipy.stats.t; R's pnorm, pt, qt agree).
  it.each([
    ['normalCdf(-1)', () => normalCdf(-1), 0.15865525393145707],
    ['normalCdf(-6)', () => normalCdf(-6), 9.865876450376946e-10],
    ['normalCdf(-10)', () => normalCdf(-10), 7.61985302416047e-24],
    ['studentTCdf(2, 5)', () => studentTCdf(2, 5), 0.9490302605850708],
    ['studentTCdf(-6, 10)', () => studentTCdf(-6, 10), 6.605443017739279e-5],
    ['studentTCdf(1.5, 2.5)', () => studentTCdf(1.5, 2.5), 0.8760817734568519],
    ['studentTCdf(-6, 1e7)', () => studentTCdf(-6, 1e7), 9.86621366683891e-10],
    ['studentTQuantile(0.975, 1)', () => studentTQuantile(0.975, 1), 12.706204736174694],
    ['studentTQuantile(0.975, 2.5)', () => studentTQuantile(0.975, 2.5), 3.5746548420036817],
    ['studentTQuantile(0.975, 7)', () => studentTQuantile(0.975, 7), 2.364624251592784],
    ['studentTQuantile(0.975, 24.99)', () => studentTQuantile(0.975, 24.99), 2.0595803423687764],
  ])('%s', (_, compute, expected) => {
    expectNear(compute(), expected);
  });

  it('treats unbounded degrees of freedom as the normal distribution', () => {
    expectNear(studentTCdf(2, Number.POSITIVE_INFINITY), normalCdf(2));
    expectNear(studentTQuantile(0.975, Number.POSITIVE_INFINITY), 1.959963984540054);
    expectNear(studentTQuantile(0.975, 1e300), 1.959963984540054);
  });
});

describe('estimateMean', () => {
  it('gives a t interval from count, sum and sum of squares', () => {
    const values = [7, 8, 9, 8, 7, 9, 8, 8];
    const estimate = estimateMeanOf(values);
    expect(estimate.n).toBe(8);
    expect(estimate.mean).toBe(8);
    // sd = sqrt(4/7); half width = t(0.975, 7) * sd / sqrt(8) = 2.364624 * 0.755929 / 2.828427
    expect(estimate.low).toBeCloseTo(8 - 0.631968, 5);
    expect(estimate.high).toBeCloseTo(8 + 0.631968, 5);
    // scipy.stats.t.interval(0.95, 7, loc=8, scale=scipy.stats.sem(values))
    expectNear(estimate.low, 7.368027585863076);
    expectNear(estimate.high, 8.631972414136925);
  });

  it('has no interval for one value and no mean for none', () => {
    expect(estimateMean(1, 5, 25)).toEqual({ n: 1, mean: 5, sd: null, low: null, high: null });
    expect(estimateMean(0, 0, 0).mean).toBeNull();
  });
});

describe('wilsonInterval', () => {
  it('stays inside 0..1 at the edges', () => {
    const none = wilsonInterval(0, 10);
    expect(none.rate).toBe(0);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
  });
});

describe('welchTTest', () => {
  it('reproduces the worked example of Welch (1947) as given on Wikipedia: t −2.46, df 24.99, p 0.021', () => {
    const a = estimateMeanOf([
      27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4,
    ]);
    const b = estimateMeanOf([
      27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4,
    ]);
    const result = welchTTest(a, b);
    expect(result).not.toBeNull();
    expect(result?.t).toBeCloseTo(-2.46, 2);
    expect(result?.df).toBeCloseTo(24.99, 1);
    expect(result?.pValue).toBeCloseTo(0.021, 3);
    // scipy.stats.ttest_ind(a, b, equal_var=False) and its confidence_interval(0.95)
    expectNear(result?.t, -2.455356398286006);
    expectNear(result?.df, 24.988529290231416);
    expectNear(result?.pValue, 0.021378001462866992);
    expectNear(result?.low, -3.984096267140929);
    expectNear(result?.high, -0.3492370661924069);
  });

  it('keeps a tiny p-value above zero (from the lower tail, not 1 − cdf)', () => {
    const high = estimateMeanOf(Array.from({ length: 40 }, (_, i) => 10 + (i % 3)));
    const low = estimateMeanOf(Array.from({ length: 40 }, (_, i) => i % 3));
    // scipy.stats.ttest_ind(high, low, equal_var=False).pvalue
    expectNear(welchTTest(high, low)?.pValue, 2.0739397520028558e-63, 1e-9);
  });

  it('needs two values on each side', () => {
    expect(welchTTest(estimateMeanOf([1]), estimateMeanOf([1, 2]))).toBeNull();
  });
});

describe('mannWhitney', () => {
  it('counts wins, losses and ties over every pair', () => {
    const result = mannWhitney([8, 9, 7], [7, 6]);
    // pairs: 8>7,8>6, 9>7,9>6, 7=7,7>6 → 5 wins, 1 tie, 0 losses
    expect(result).toMatchObject({ wins: 5, ties: 1, losses: 0, pairs: 6 });
    expect(result?.winRate).toBeCloseTo(5.5 / 6, 10);
  });

  it('finds no difference between identical samples and a clear one between separated samples', () => {
    expect(mannWhitney([1, 2, 3, 4], [1, 2, 3, 4])?.pValue).toBeCloseTo(1, 5);
    const separated = mannWhitney(
      Array.from({ length: 30 }, (_, i) => 10 + i),
      Array.from({ length: 30 }, (_, i) => i),
    );
    let bruteForce = 0;
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) bruteForce += 10 + i > j ? 1 : 10 + i === j ? 0.5 : 0;
    expect(separated?.winRate).toBeCloseTo(bruteForce / 900, 12);
    expect(separated?.pValue).toBeLessThan(0.001);
  });

  // scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=False): the same
  // normal approximation with tie correction.
  const range = (from: number, length: number) => Array.from({ length }, (_, i) => from + i);
  it.each([
    ['with one tie', [8, 9, 7], [7, 6], 0.1386406338132186],
    ['with ties on both sides', [3, 5, 5, 6, 8, 9, 9, 10], [1, 2, 4, 5, 5, 7], 0.04995688327807457],
    ['10..39 against 0..29', range(10, 30), range(0, 30), 0.00021804746184705964],
    ['60..99 against 0..39', range(60, 40), range(0, 40), 1.3820849047603635e-14],
  ])("gives SciPy's p-value %s", (_, a, b, expected) => {
    expectNear(mannWhitney(a, b)?.pValue, expected);
  });
});

describe('poissonCdf', () => {
  it('gives the chance of k events or fewer, in the far tail and where e^−λ underflows', () => {
    expectNear(poissonCdf(0, 8), Math.exp(-8));
    expectNear(poissonCdf(2, 3), Math.exp(-3) * (1 + 3 + 4.5));
    // 1 call or fewer when 16 are usual: 17 e^−16.
    expectNear(poissonCdf(1, 16), 17 * Math.exp(-16));
    expect(poissonCdf(60, 20)).toBeCloseTo(1, 12);
    expectNear(poissonCdf(700, 800), 1.660907855518e-4, 1e-9);
    expect(poissonCdf(-1, 5)).toBe(0);
    expect(poissonCdf(0, 0)).toBe(1);
  });
});
