/**
 * The most specific name of a thrown value: its `name`, unless that is the generic
 * `'Error'` (or missing), in which case its class name. SDK error classes such as the
 * OpenAI and Anthropic SDKs' `RateLimitError` or `APIConnectionError` often leave `name`
 * as `'Error'`; their class name says what happened. Undefined for a value that is not an
 * object (a thrown string, undefined) or has neither.
 *
 * @example
 * errorNameOf(new RateLimitError(…)) // 'RateLimitError'
 * errorNameOf(new TypeError('fetch failed')) // 'TypeError'
 * errorNameOf('socket hang up') // undefined
 */
export function errorNameOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { name } = error as { name?: unknown };
  const className = (error as object).constructor?.name;
  if ((name === undefined || name === 'Error') && className && className !== 'Object') return className;
  return typeof name === 'string' ? name : undefined;
}
