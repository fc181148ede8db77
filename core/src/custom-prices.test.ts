import { describe, expect, it } from 'vitest';
import { Observatory } from './observatory.js';

describe('custom prices', () => {
  it('refuses a price that cannot price a call, naming the model, the field and the value', () => {
    const create = (customPrices: unknown) =>
      new Observatory({ enabled: false, customPrices: customPrices as never, flushOnExit: false });
    expect(() => create({ 'house-llm': [{ inputPerMTok: 1, outputPerMTok: 2, from: 'next tuesday' }] })).toThrow(
      /customPrices\.house-llm\.0\.from = "next tuesday": not a valid date/,
    );
    expect(() => create({ 'house-llm': { inputPerMTok: -1, outputPerMTok: 2 } })).toThrow(
      /customPrices\.house-llm\.inputPerMTok = -1/,
    );
    expect(() => create({ 'house-llm': { inputPerMTok: 1 } })).toThrow(/customPrices\.house-llm\.outputPerMTok/);
    expect(() => create({ 'house-llm': { inputPerMTok: 1, outputPerMTok: 2, from: '2026-10-01' } })).not.toThrow();
  });
});
