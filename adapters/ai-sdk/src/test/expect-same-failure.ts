import { expect } from 'vitest';

/** What a call settled to: its value, or the error it threw. */
export function settled(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    (value) => value,
    (error: unknown) => error,
  );
}

/** The call with the adapter threw the very error it throws without: same class, same message. */
export function expectSameFailure(hooked: unknown, plain: unknown): void {
  expect(hooked).toBeInstanceOf(Error);
  expect((hooked as Error).constructor).toBe((plain as Error).constructor);
  expect((hooked as Error).message).toBe((plain as Error).message);
}
