import { describe, expect, it } from 'vitest';
import { readVerdict } from './llm-judge.js';

describe('readVerdict', () => {
  it('reads the judge JSON into a QualityEvaluation', () => {
    const verdict = readVerdict(
      '{"score": 7.5, "reasoning": "Specific.", "hallucination": false, "factual_error": false, "confidence": 0.8, "error_category": null, "suggestions": ["Add a number"]}',
    );
    expect(verdict).toEqual({
      judgeScore: 7.5,
      reasoning: 'Specific.',
      hallucinationFlag: false,
      factualError: false,
      confidence: 0.8,
      errorCategory: undefined,
      suggestions: ['Add a number'],
    });
  });

  it('clamps out-of-range values and survives prose around the JSON or no JSON at all', () => {
    expect(readVerdict('Here you go: {"score": 12, "confidence": 3, "hallucination": true} Thanks!')).toMatchObject({
      judgeScore: 10,
      confidence: 1,
      hallucinationFlag: true,
    });
    expect(readVerdict('I cannot judge this.')).toMatchObject({ judgeScore: 0, suggestions: [] });
  });
});
