import type { Context } from 'hono';
import { BadRequest } from '../bad-request.js';

/** The request body as a JSON object, or a 400 naming the body. */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequest('body', '(unparsable)', 'a JSON object');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('body', body, 'a JSON object');
  return body as Record<string, unknown>;
}
