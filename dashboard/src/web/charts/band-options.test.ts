import { describe, expect, it } from 'vitest';
import { bandOptions } from './band-options.js';

describe('bandOptions', () => {
  it('draws the band without a stroke and every line opaque, the last one dashed for a forecast', () => {
    const options = bandOptions({
      colors: ['#a', '#b', '#c'],
      bandOpacity: 0.12,
      format: String,
      tooltip: String,
      yMin: 0,
      dashLast: true,
      legend: true,
    });
    expect(options.fill).toEqual({ opacity: [0.12, 1, 1] });
    expect(options.stroke).toEqual({ curve: 'straight', width: [0, 2, 2], dashArray: [0, 0, 5] });
    expect(options.yaxis).toMatchObject({ min: 0 });
    expect(options.legend).toEqual({ show: true });
  });

  it('leaves out what is not asked for', () => {
    const options = bandOptions({
      colors: ['#a', '#a'],
      bandOpacity: 0.2,
      format: String,
      tooltip: String,
    });
    expect(options.stroke).toEqual({ curve: 'straight', width: [0, 2] });
    expect(Object.keys(options.yaxis as object)).toEqual(['labels']);
    expect(options).not.toHaveProperty('legend');
  });
});
