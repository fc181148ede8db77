import { describe, expect, it } from 'vitest';
import { donutOptions } from './donut-options.js';

describe('donutOptions', () => {
  it('shows the formatted total in the middle when asked', () => {
    const options = donutOptions({ labels: ['a', 'b'], size: '68%', center: (v) => `$${v}` });
    const donut = options.plotOptions?.pie?.donut as {
      size: string;
      labels: { total: { formatter: (w: unknown) => string }; value: { formatter: (v: string) => string } };
    };
    expect(donut.size).toBe('68%');
    expect(donut.labels.total.formatter({ globals: { seriesTotals: [1, 2.5] } })).toBe('$3.5');
    expect(donut.labels.value.formatter('2')).toBe('$2');
  });

  it('keeps ApexCharts defaults when nothing is asked', () => {
    expect(donutOptions({ labels: ['a'] })).toEqual({
      labels: ['a'],
      legend: { position: 'bottom' },
      stroke: { width: 0 },
    });
  });
});
