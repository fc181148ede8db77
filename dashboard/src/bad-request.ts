/** A request the API refuses with 400, naming the parameter and the value it had. */
export class BadRequest extends Error {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid parameter '${parameter}': ${JSON.stringify(value)} (expected ${expected})`);
    this.name = 'BadRequest';
  }
}
