import { Hono } from 'hono';

/** GET /api/health → { status: 'ok' }. Open even when a token is required, for load balancers. */
export function healthRoutes(): Hono {
  return new Hono().get('/health', (c) => c.json({ status: 'ok' }));
}
