import { describe, expect, it } from 'vitest';
import { scaleHeatmapOptions } from './scale-heatmap-options.js';

describe('scaleHeatmapOptions', () => {
  it('names cells without a value and leaves them unlabelled', () => {
    const options = scaleHeatmapOptions({
      ranges: [{ from: 0, to: 10, color: '#34d399' }],
      missing: 'same variant',
      radius: 4,
      gap: 3,
      label: (v) => `${v}%`,
      tooltip: (v) => `${v}% wins`,
      legend: false,
    });
    const label = options.dataLabels?.formatter as (v: number) => string;
    expect([label(-1), label(40)]).toEqual(['', '40%']);
    const tooltip = (options.tooltip as { y: { formatter: (v: number) => string } }).y.formatter;
    expect([tooltip(-1), tooltip(40)]).toEqual(['same variant', '40% wins']);
    expect(options.plotOptions?.heatmap?.colorScale?.ranges?.map((r) => r.from)).toEqual([-1, 0]);
    expect(options.legend).toEqual({ show: false });
  });
});
