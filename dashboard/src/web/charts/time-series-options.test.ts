import { describe, expect, it } from 'vitest';
import { timeSeriesOptions } from './time-series-options.js';

describe('timeSeriesOptions', () => {
  it('puts a datetime axis under the values and formats them', () => {
    const options = timeSeriesOptions({ format: (v) => `$${v}`, tooltip: (v) => `${v} USD` });
    expect(options.xaxis?.type).toBe('datetime');
    const yaxis = options.yaxis as { labels: { formatter: (v: number) => string } };
    expect(yaxis.labels.formatter(2)).toBe('$2');
    expect((options.tooltip as { y: { formatter: (v: number) => string } }).y.formatter(2)).toBe('2 USD');
    expect(options).not.toHaveProperty('fill');
    expect(options).not.toHaveProperty('plotOptions');
  });

  it('adds stacking, a fading fill, columns and a floor only when asked', () => {
    const options = timeSeriesOptions({
      format: String,
      stacked: true,
      fadeFrom: 0.4,
      columns: { width: '72%' },
      yMin: 0,
      animate: false,
    });
    expect(options.chart).toEqual({ stacked: true, animations: { enabled: false } });
    expect(options.fill).toEqual({ type: 'gradient', gradient: { opacityFrom: 0.4, opacityTo: 0.05 } });
    expect(options.plotOptions).toEqual({ bar: { columnWidth: '72%' } });
    expect((options.yaxis as { min: number }).min).toBe(0);
  });
});
