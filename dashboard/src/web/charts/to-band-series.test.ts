import { describe, expect, it } from 'vitest';
import { toBandSeries } from './to-band-series.js';

describe('toBandSeries', () => {
  it('draws the band around the projection and joins the projection to the last observation', () => {
    const observed = [
      { time: 1, value: 10, low: null, high: null },
      { time: 2, value: 12, low: null, high: null },
    ];
    const projected = [{ time: 3, value: 13, low: 11, high: 15 }];
    expect(toBandSeries(observed, projected)).toEqual([
      { name: '95% range', type: 'rangeArea', data: [{ x: 3, y: [11, 15] }] },
      {
        name: 'Observed',
        type: 'line',
        data: [
          { x: 1, y: 10 },
          { x: 2, y: 12 },
        ],
      },
      {
        name: 'Forecast',
        type: 'line',
        data: [
          { x: 2, y: 12 },
          { x: 3, y: 13 },
        ],
      },
    ]);
  });

  it('bands the observed line itself when there is no projection (a confidence interval)', () => {
    const series = toBandSeries([{ time: 1, value: 8, low: 7.5, high: 8.5 }], [], { observed: 'Mean', band: '95% CI' });
    expect(series).toEqual([
      { name: '95% CI', type: 'rangeArea', data: [{ x: 1, y: [7.5, 8.5] }] },
      { name: 'Mean', type: 'line', data: [{ x: 1, y: 8 }] },
    ]);
  });
});
