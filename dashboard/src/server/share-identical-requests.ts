import type { MiddlewareHandler } from 'hono';

/** A finished response, kept in memory so every waiting request can get its own copy. */
interface SharedResponse {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

/**
 * Identical GET requests that arrive while the first is still being answered wait for its
 * answer instead of querying the store again: when many dashboards poll the same endpoints,
 * each query runs once per round instead of once per viewer. Nothing is kept once the
 * answer is sent (no caching), and the answer depends only on the URL here, since access
 * was checked before. `skip` names paths whose bodies are streamed (exports) and must not
 * be buffered.
 */
export function shareIdenticalRequests(skip: (path: string) => boolean): MiddlewareHandler {
  const inFlight = new Map<string, Promise<SharedResponse>>();
  return async (c, next) => {
    if (c.req.method !== 'GET' || skip(c.req.path)) return next();
    const key = c.req.url;
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending;
      return new Response(shared.body.slice(0), { status: shared.status, headers: shared.headers });
    }
    const answer = (async (): Promise<SharedResponse> => {
      await next();
      const { status, headers } = c.res;
      return { status, headers: [...headers], body: await c.res.clone().arrayBuffer() };
    })();
    inFlight.set(key, answer);
    try {
      await answer;
    } finally {
      inFlight.delete(key);
    }
  };
}
