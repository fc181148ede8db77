import { Hono } from 'hono';
import { buildOpenApiDocument } from '../openapi-document.js';
import { reply } from '../reply.js';

/**
 * GET /api/health → { status: 'ok' }, open even when a token is required, for load
 * balancers; GET /api/openapi.json → the API's OpenAPI document.
 */
export function healthRoutes(version = '0.1.0'): Hono {
  return new Hono()
    .get('/health', (c) => reply(c, 'GET /api/health', { status: 'ok' }))
    .get('/openapi.json', (c) => reply(c, 'GET /api/openapi.json', buildOpenApiDocument(version)));
}
