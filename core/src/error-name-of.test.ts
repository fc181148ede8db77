import { describe, expect, it } from 'vitest';
import { errorNameOf } from './error-name-of.js';

/** An SDK-style error class that leaves `name` as 'Error', as the OpenAI and Anthropic SDKs do. */
class RateLimitError extends Error {}

class NamedError extends Error {
  override name = 'AbortError';
}

describe('errorNameOf', () => {
  it.each([
    ['an SDK error class that leaves name as Error', new RateLimitError('429'), 'RateLimitError'],
    ['a built-in error class', new TypeError('fetch failed'), 'TypeError'],
    ['a plain Error', new Error('boom'), 'Error'],
    ['an error with a name of its own', new NamedError('stop'), 'AbortError'],
    ['an object with a name', { name: 'APIUserAbortError', message: 'aborted' }, 'APIUserAbortError'],
    ['a plain object without a name', { message: 'odd' }, undefined],
    ['a string', 'socket hang up', undefined],
    ['undefined', undefined, undefined],
    ['null', null, undefined],
  ])('%s', (_label, thrown, name) => {
    expect(errorNameOf(thrown)).toBe(name);
  });
});
