import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(parseDuration('15m')).toBe(15 * 60_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('2W')).toBe(14 * 86_400_000);
  });

  it('refuses anything else', () => {
    for (const text of ['', '0d', '90', 'd', '1.5d', '-3d', '3 days', '7x'])
      expect(parseDuration(text), text).toBeNull();
  });
});
