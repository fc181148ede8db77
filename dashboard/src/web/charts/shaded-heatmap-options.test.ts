import { describe, expect, it } from 'vitest';
import { shadedHeatmapOptions } from './shaded-heatmap-options.js';

describe('shadedHeatmapOptions', () => {
  it('shades one colour, labels cells and x values only when asked', () => {
    const plain = shadedHeatmapOptions({ color: '#22d3ee', radius: 2, shadeIntensity: 0.7 });
    expect(plain.colors).toEqual(['#22d3ee']);
    expect(plain).not.toHaveProperty('dataLabels');
    expect(plain).not.toHaveProperty('xaxis');
    const labelled = shadedHeatmapOptions({
      color: '#818cf8',
      radius: 3,
      shadeIntensity: 0.6,
      label: (v) => (v ? String(v) : ''),
      xLabel: (v) => (Number(v) % 3 === 0 ? v : ''),
    });
    expect((labelled.dataLabels as { formatter: (v: number) => string }).formatter(0)).toBe('');
    const xaxis = labelled.xaxis as { labels: { rotate: number; formatter: (v: string) => string } };
    expect(xaxis.labels.rotate).toBe(0);
    expect(xaxis.labels.formatter('04')).toBe('');
  });
});
