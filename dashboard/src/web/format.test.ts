import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatCompact,
  formatCost,
  formatDuration,
  formatModelName,
  formatPercent,
  formatPValue,
  formatScore,
  unpricedNote,
} from './format.js';

describe('formatCost', () => {
  it('shows small amounts with three significant digits and large ones compactly', () => {
    expect(formatCost(0.0123)).toBe('$0.0123');
    expect(formatCost(0.000456)).toBe('$0.000456');
    expect(formatCost(0.5)).toBe('$0.50');
    expect(formatCost(4.567)).toBe('$4.57');
    expect(formatCost(1234.4)).toBe('$1,234');
    expect(formatCost(12_345)).toBe('$12.3K');
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(0.00001)).toBe('<$0.0001');
    expect(formatCost(-2.5)).toBe('-$2.50');
    expect(formatCost(null)).toBe('—');
  });
});

describe('formatCompact', () => {
  it('abbreviates thousands, millions and billions', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1200)).toBe('1.2K');
    expect(formatCompact(1000)).toBe('1K');
    expect(formatCompact(45_600)).toBe('45.6K');
    expect(formatCompact(999_960)).toBe('1M');
    expect(formatCompact(3_400_000)).toBe('3.4M');
    expect(formatCompact(1_250_000_000)).toBe('1.3B');
    expect(formatCompact(2.345)).toBe('2.35');
  });
});

describe('formatDuration', () => {
  it('uses ms below a second, then seconds, minutes and hours', () => {
    expect(formatDuration(450)).toBe('450ms');
    expect(formatDuration(1200)).toBe('1.2s');
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    // Rounding carries into the next unit instead of showing 60.
    expect([999.6, 9_960, 59_960, 119_600, 3_599_700, 7_170_000].map(formatDuration)).toEqual([
      '1.0s',
      '10s',
      '1m 00s',
      '2m 00s',
      '1h 00m',
      '2h 00m',
    ]);
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatPercent, formatScore, formatPValue, formatAgo', () => {
  it('formats rates, scores, p-values and ages', () => {
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatScore(8.4167)).toBe('8.42');
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.0421)).toBe('p = 0.042');
    expect(formatAgo(10_000, 10_000)).toBe('just now');
    expect(formatAgo(0, 42_000)).toBe('42s ago');
    expect(formatAgo(0, 5 * 60_000)).toBe('5m ago');
  });
});

describe('formatModelName', () => {
  it('writes model names as their vendors do', () => {
    expect(formatModelName('gpt-4o')).toBe('GPT-4o');
    expect(formatModelName('gpt-4o-mini')).toBe('GPT-4o mini');
    expect(formatModelName('gpt-4.1-nano')).toBe('GPT-4.1 nano');
    expect(formatModelName('claude-sonnet-4')).toBe('Claude Sonnet 4');
    expect(formatModelName('claude-sonnet-4-20250514')).toBe('Claude Sonnet 4 (2025-05-14)');
    expect(formatModelName('gpt-4o-2024-08-06')).toBe('GPT-4o (2024-08-06)');
    expect(formatModelName('gpt-4o-mini-2024-07-18')).toBe('GPT-4o mini (2024-07-18)');
    expect(formatModelName('o4-mini-2025-04-16')).toBe('o4-mini (2025-04-16)');
    expect(formatModelName('my-model-2025-01-01')).toBe('my-model (2025-01-01)');
    expect(formatModelName('claude-sonnet-4-5')).toBe('Claude Sonnet 4.5');
    expect(formatModelName('claude-3-5-haiku-latest')).toBe('Claude 3.5 Haiku');
    expect(formatModelName('claude-haiku-4-5')).toBe('Claude Haiku 4.5');
    expect(formatModelName('gemini-2.5-flash')).toBe('Gemini 2.5 Flash');
    expect(formatModelName('o4-mini')).toBe('o4-mini');
    expect(formatModelName('my-finetune-v2')).toBe('my-finetune-v2');
  });
});

describe('unpricedNote', () => {
  it('says what share of calls had no price, and nothing when every call had one', () => {
    expect(unpricedNote({ unpricedCalls: 25, totalCalls: 1000 })).toBe(' · 2.5% of calls unpriced');
    expect(unpricedNote({ unpricedCalls: 0, totalCalls: 1000 })).toBe('');
    expect(unpricedNote({ unpricedCalls: 0, totalCalls: 0 })).toBe('');
  });
});
