import { describe, expect, it } from 'vitest';
import { toMatrixHeatmap, toWeekdayHourHeatmap } from './to-heatmap-series.js';

describe('toWeekdayHourHeatmap', () => {
  it('sums each hour into its weekday row and hour column, Monday on top', () => {
    const monday9 = Date.UTC(2026, 0, 5, 9); // a Monday
    const points = [
      { time: monday9, calls: 3 },
      { time: monday9 + 7 * 86_400_000, calls: 2 }, // next Monday, same hour
      { time: Date.UTC(2026, 0, 11, 23), calls: 1 }, // Sunday 23:00
    ];
    const series = toWeekdayHourHeatmap(points, (p) => p.calls);
    expect(series.map((s) => s.name)).toEqual(['Sun', 'Sat', 'Fri', 'Thu', 'Wed', 'Tue', 'Mon']);
    const monday = series[6];
    expect(monday.data[9]).toEqual({ x: '09', y: 5 });
    expect(series[0].data[23]).toEqual({ x: '23', y: 1 });
    expect(series.flatMap((s) => s.data).reduce((sum, c) => sum + (c.y ?? 0), 0)).toBe(6);
  });
});

describe('toMatrixHeatmap', () => {
  it('lays cells out by row and column with nulls for missing cells', () => {
    const cells = [
      { row: 'gpt-4o', column: 'Reviewer', score: 8.1 },
      { row: 'gpt-4o', column: 'Writer', score: 7.5 },
      { row: 'haiku', column: 'Reviewer', score: 6.9 },
    ];
    expect(toMatrixHeatmap(cells, (c) => c.score)).toEqual([
      {
        name: 'haiku',
        data: [
          { x: 'Reviewer', y: 6.9 },
          { x: 'Writer', y: null },
        ],
      },
      {
        name: 'gpt-4o',
        data: [
          { x: 'Reviewer', y: 8.1 },
          { x: 'Writer', y: 7.5 },
        ],
      },
    ]);
  });
});
