import { describe, expect, it } from 'vitest';
import { bucketTimes, toMetricSeries, toStackedSeries } from './to-time-series.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

describe('toStackedSeries', () => {
  it('makes one zero-filled series per group, largest first, the rest as Other', () => {
    const points = [
      { time: T0, key: 'gpt-4o', cost: 3 },
      { time: T0 + 2 * DAY, key: 'gpt-4o', cost: 1 },
      { time: T0, key: 'claude-haiku-4-5', cost: 2 },
      { time: T0 + DAY, key: 'small', cost: 0.5 },
      { time: T0 + DAY, key: 'tiny', cost: 0.25 },
    ];
    const series = toStackedSeries(points, {
      stepMs: DAY,
      top: 2,
      value: (p) => p.cost,
      nameOf: (k) => k.toUpperCase(),
    });
    expect(series).toEqual([
      {
        name: 'GPT-4O',
        data: [
          [T0, 3],
          [T0 + DAY, 0],
          [T0 + 2 * DAY, 1],
        ],
      },
      {
        name: 'CLAUDE-HAIKU-4-5',
        data: [
          [T0, 2],
          [T0 + DAY, 0],
          [T0 + 2 * DAY, 0],
        ],
      },
      {
        name: 'Other',
        data: [
          [T0, 0],
          [T0 + DAY, 0.75],
          [T0 + 2 * DAY, 0],
        ],
      },
    ]);
  });

  it('covers the requested range and names the empty key', () => {
    const series = toStackedSeries([{ time: T0 + DAY, key: '', n: 2 }], {
      stepMs: DAY,
      from: T0,
      to: T0 + 2 * DAY,
      value: (p) => p.n,
    });
    expect(series).toEqual([
      {
        name: '(none)',
        data: [
          [T0, 0],
          [T0 + DAY, 2],
          [T0 + 2 * DAY, 0],
        ],
      },
    ]);
    expect(toStackedSeries([], { stepMs: DAY, value: () => 1 })).toEqual([]);
  });
});

describe('toMetricSeries', () => {
  it('gives one series per measure with gaps filled', () => {
    const points = [
      { time: T0, calls: 10, errors: 1 },
      { time: T0 + 2 * DAY, calls: 4, errors: 0 },
    ];
    const series = toMetricSeries(
      points,
      [
        { name: 'Calls', value: (p) => p.calls },
        { name: 'Error rate', value: (p) => (p.calls ? p.errors / p.calls : null) },
      ],
      { stepMs: DAY, fill: null },
    );
    expect(series[0].data).toEqual([
      [T0, 10],
      [T0 + DAY, null],
      [T0 + 2 * DAY, 4],
    ]);
    expect(series[1].data).toEqual([
      [T0, 0.1],
      [T0 + DAY, null],
      [T0 + 2 * DAY, 0],
    ]);
  });

  it('aligns buckets to the step', () => {
    expect(bucketTimes(T0 + 5, T0 + DAY, DAY)).toEqual([T0, T0 + DAY]);
  });
});
