import { Hono } from 'hono';
import { buildOpenApiDocument } from '../openapi-document.js';

/**
 * GET /api/health → { status: 'ok' }, open even when a token is required, for load
 * balancers; GET /api/openapi.json → the API's OpenAPI document.
 */
export function healthRoutes(version = '0.1.0'): Hono {
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/openapi.json', (c) => c.json(buildOpenApiDocument(version)));
}
