import type { Context } from 'hono';
import type { ApiResponses } from '../shared/api-responses.js';
import type { Json } from '../shared/api-types.js';

/**
 * Answer 200 with the body the API contract names for `route` (shared/api-responses.ts):
 * the compiler holds what each route sends, as JSON (dates as ISO strings), to the type
 * the web app reads and the OpenAPI document's schemas are generated from.
 */
export function reply<R extends keyof ApiResponses, const B>(
  c: Context,
  route: R,
  body: B & (Json<B> extends ApiResponses[R] ? unknown : { 'does not match the API contract of': R }),
): Response {
  void route;
  return c.json(body as object);
}
