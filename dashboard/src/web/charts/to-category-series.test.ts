import { describe, expect, it } from 'vitest';
import { toBarSeries, toDonutSeries } from './to-category-series.js';

const rows = [
  { key: 'a', cost: 1 },
  { key: 'b', cost: 5 },
  { key: 'c', cost: 0 },
  { key: '', cost: 2 },
  { key: 'd', cost: 0.5 },
];

describe('toDonutSeries', () => {
  it('keeps the largest slices, sums the rest as Other and drops zeros', () => {
    expect(toDonutSeries(rows, (r) => r.cost, { top: 2, nameOf: (k) => k.toUpperCase() })).toEqual({
      labels: ['B', '(none)', 'Other'],
      series: [5, 2, 1.5],
    });
  });
});

describe('toBarSeries', () => {
  it('makes one category per row and one series per measure', () => {
    expect(
      toBarSeries(rows.slice(0, 2), [
        { name: 'Cost', value: (r) => r.cost },
        { name: 'Double', value: (r) => r.cost * 2 },
      ]),
    ).toEqual({
      categories: ['a', 'b'],
      series: [
        { name: 'Cost', data: [1, 5] },
        { name: 'Double', data: [2, 10] },
      ],
    });
  });
});
