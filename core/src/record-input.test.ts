import { describe, expect, it } from 'vitest';
import { ObservatoryValidationError } from './observatory-error.js';
import { parseCallInput } from './record-input.js';

function issuesOf(input: unknown): Array<{ field: string; value: unknown }> {
  try {
    parseCallInput(input);
  } catch (error) {
    if (ObservatoryValidationError.isInstance(error)) return error.issues.map(({ field, value }) => ({ field, value }));
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseCallInput', () => {
  it('names every bad field and the value it had', () => {
    const issues = issuesOf({
      provider: 'openai',
      modelName: '',
      promptTokens: -3,
      completionTokens: '12',
      latencyMs: Number.NaN,
      cachedPromptTokens: Number.POSITIVE_INFINITY,
      reasoningTokens: 1.5,
    });
    expect(issues).toEqual([
      { field: 'modelName', value: '' },
      { field: 'promptTokens', value: -3 },
      { field: 'completionTokens', value: '12' },
      { field: 'cachedPromptTokens', value: Number.POSITIVE_INFINITY },
      { field: 'reasoningTokens', value: 1.5 },
      { field: 'latencyMs', value: Number.NaN },
    ]);
  });

  it('takes an optional caller-chosen id and per-call project, trimmed, and names them when empty', () => {
    const parsed = parseCallInput({ provider: 'openai', modelName: 'gpt-4o', id: ' abc ', projectName: ' billing ' });
    expect({ id: parsed.id, projectName: parsed.projectName }).toEqual({ id: 'abc', projectName: 'billing' });
    expect(issuesOf({ provider: 'openai', modelName: 'gpt-4o', id: '', projectName: '  ' })).toEqual([
      { field: 'id', value: '' },
      { field: 'projectName', value: '' },
    ]);
  });

  it('refuses token counts the store cannot hold, so PostgreSQL never rejects a whole batch over one call', () => {
    expect(issuesOf({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 3_000_000_000 })).toEqual([
      { field: 'promptTokens', value: 3_000_000_000 },
    ]);
    expect(parseCallInput({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 2_147_483_647 }).promptTokens).toBe(
      2_147_483_647,
    );
  });

  it('puts field and value in the message', () => {
    expect(() => parseCallInput({ provider: 'openai', modelName: 'gpt-4o', promptTokens: -3 })).toThrow(
      /promptTokens = -3: Too small/,
    );
  });

  it('names nested fields of malformed routing, cache and quality objects', () => {
    const issues = issuesOf({
      provider: 'openai',
      modelName: 'gpt-4o',
      routingDecision: { chosenModel: 'gpt-4o', alternativeModels: 'gpt-4o-mini', modelScores: {}, reasoning: '' },
      cacheMetadata: { cacheHit: 'yes' },
      qualityEvaluation: { judgeScore: 11, hallucinationFlag: false, factualError: false, suggestions: [] },
    });
    expect(issues.map((i) => i.field)).toEqual([
      'routingDecision.alternativeModels',
      'cacheMetadata.cacheHit',
      'qualityEvaluation.judgeScore',
    ]);
  });

  it('coerces dates given as ISO strings or epoch ms, and lowercases the provider', () => {
    const parsed = parseCallInput({ provider: ' OpenAI ', modelName: 'gpt-4o', timestamp: '2026-01-02T03:04:05Z' });
    expect(parsed.provider).toBe('openai');
    expect(parsed.timestamp?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(parseCallInput({ provider: 'x', modelName: 'y', timestamp: 0 }).timestamp?.getTime()).toBe(0);
    expect(issuesOf({ provider: 'x', modelName: 'y', timestamp: 'yesterday' })).toEqual([
      { field: 'timestamp', value: 'yesterday' },
    ]);
  });

  it('turns an Error given as error into its text', () => {
    expect(parseCallInput({ provider: 'x', modelName: 'y', error: new TypeError('boom') }).error).toBe(
      'TypeError: boom',
    );
  });

  it('rejects a non-object input', () => {
    expect(issuesOf(null)).toEqual([{ field: '', value: null }]);
  });
});
