import { describe, expect, it } from 'vitest';
import { barOptions } from './bar-options.js';

describe('barOptions', () => {
  it('formats the x-axis of horizontal bars and sizes them by height', () => {
    const options = barOptions({
      categories: ['a', 'b'],
      horizontal: true,
      format: (v) => `${v}%`,
      size: '62%',
      radius: 3,
      max: 100,
    });
    const xaxis = options.xaxis as { categories: string[]; max: number; labels: { formatter: (v: string) => string } };
    expect(xaxis.categories).toEqual(['a', 'b']);
    expect(xaxis.max).toBe(100);
    expect(xaxis.labels.formatter('40')).toBe('40%');
    expect(options.plotOptions).toEqual({ bar: { horizontal: true, barHeight: '62%', borderRadius: 3 } });
    expect(options).not.toHaveProperty('yaxis');
    expect((options.tooltip as { y: { formatter: (v: number) => string } }).y.formatter(40.5)).toBe('40.5%');
  });

  it('formats the y-axis of vertical bars, and hides the legend of distributed ones', () => {
    const options = barOptions({
      categories: ['1'],
      format: (v) => `${v}ms`,
      size: '80%',
      radius: 2,
      distributed: true,
    });
    expect((options.yaxis as { labels: { formatter: (v: number) => string } }).labels.formatter(5)).toBe('5ms');
    expect(options.plotOptions).toEqual({ bar: { columnWidth: '80%', borderRadius: 2, distributed: true } });
    expect(options.legend).toEqual({ show: false });
    expect(barOptions({ categories: [], size: '80%', radius: 2 })).not.toHaveProperty('tooltip');
  });
});
