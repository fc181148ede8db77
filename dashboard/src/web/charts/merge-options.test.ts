import { describe, expect, it } from 'vitest';
import { mergeOptions } from './merge-options.js';

describe('mergeOptions', () => {
  it('merges nested objects and replaces arrays and scalars', () => {
    const base = { chart: { type: 'line', toolbar: { show: false } }, colors: ['a', 'b'], stroke: { width: 2 } };
    expect(
      mergeOptions(base, { chart: { toolbar: { show: true } }, colors: ['c'] }, undefined, { stroke: { width: 3 } }),
    ).toEqual({
      chart: { type: 'line', toolbar: { show: true } },
      colors: ['c'],
      stroke: { width: 3 },
    });
    expect(base.chart.toolbar.show).toBe(false);
  });
});
