import { afterEach, describe, expect, it, vi } from 'vitest';
import { Observatory } from './observatory.js';
import { ObservatoryError, ObservatoryValidationError } from './observatory-error.js';
import { reportAdapterError } from './report-adapter-error.js';

/** An observatory that only collects what reaches its onError (it never opens a store). */
function observatoryCollectingErrors() {
  const errors: unknown[] = [];
  const obs = new Observatory({ databaseUrl: ':memory:', flushOnExit: false, onError: (e) => errors.push(e) });
  return { obs, errors };
}

describe('reportAdapterError', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reports an ObservatoryError as it is, so a validation error keeps its type and field', () => {
    const { obs, errors } = observatoryCollectingErrors();
    const invalid = new ObservatoryValidationError('recordCall', [
      { field: 'promptTokens', value: -5, message: 'bad' },
    ]);
    const unreadable = new ObservatoryError('recordOpenAIResponse: not an OpenAI response (null)');

    reportAdapterError(obs, 'LangChain handleLLMEnd', invalid);
    reportAdapterError(obs, 'recordOpenAIResponse', unreadable);

    expect(errors).toEqual([invalid, unreadable]);
    expect(errors.map(String)).toEqual([
      'ObservatoryValidationError: recordCall: promptTokens = -5: bad',
      'ObservatoryError: recordOpenAIResponse: not an OpenAI response (null)',
    ]);
  });

  it('wraps anything else in an ObservatoryError saying where it failed, with the original as cause', () => {
    const { obs, errors } = observatoryCollectingErrors();
    const bug = new TypeError("Cannot read properties of null (reading 'generations')");

    reportAdapterError(obs, 'LangChain handleLLMEnd', bug);
    reportAdapterError(obs, 'AI SDK onChunk', 'a thrown string');

    expect(errors.map(String)).toEqual([
      "ObservatoryError: LangChain handleLLMEnd failed: Cannot read properties of null (reading 'generations')",
      'ObservatoryError: AI SDK onChunk failed: a thrown string',
    ]);
    expect(errors.every((e) => ObservatoryError.isInstance(e))).toBe(true);
    expect((errors[0] as Error).cause).toBe(bug);
  });

  it('goes to the given onError instead of the observatory’s', () => {
    const { obs, errors } = observatoryCollectingErrors();
    const own: unknown[] = [];

    reportAdapterError(obs, 'LangChain handleLLMStart', new Error('boom'), (e) => own.push(e));

    expect(own.map(String)).toEqual(['ObservatoryError: LangChain handleLLMStart failed: boom']);
    expect(errors).toEqual([]);
  });

  it('never throws: not when onError throws, nor when there is no observatory (a process warning then)', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const throwing = () => {
      throw new Error('onError is broken too');
    };

    expect(() => reportAdapterError(undefined, 'recordAnthropicMessage', new Error('boom'), throwing)).not.toThrow();
    expect(() => reportAdapterError(null, 'recordAnthropicMessage', new Error('boom'))).not.toThrow();
    expect(() =>
      reportAdapterError({} as unknown as Observatory, 'recordAnthropicMessage', new Error('again')),
    ).not.toThrow();

    expect(warn.mock.calls).toEqual([
      ['recordAnthropicMessage failed: boom', 'ObservatoryWarning'],
      ['recordAnthropicMessage failed: again', 'ObservatoryWarning'],
    ]);
  });
});
