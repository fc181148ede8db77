import { describe, expect, it } from 'vitest';
import { toSparklinePath } from './to-sparkline-path.js';

describe('toSparklinePath', () => {
  it('puts the minimum at the bottom and the maximum at the top', () => {
    expect(toSparklinePath([0, 5, 10], 24, 12, 2)).toBe('M2.0 10.0 L12.0 6.0 L22.0 2.0');
  });

  it('draws a constant series as a flat line and nothing for no data', () => {
    expect(toSparklinePath([3, 3], 10, 8, 0)).toBe('M0.0 4.0 L10.0 4.0');
    expect(toSparklinePath([], 10, 8)).toBe('');
  });
});
