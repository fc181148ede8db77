import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Handler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Observatory</title>
<body style="font-family:system-ui;background:#0b1020;color:#e2e8f0;padding:3rem">
<h1>Observatory API is running</h1>
<p>The web app is not built. Run <code>pnpm --filter @observatory/dashboard build</code>, then reload.</p>
<p>The JSON API answers under <a style="color:#93c5fd" href="/api/health">/api</a>.</p></body>`;

/**
 * Serve the built single-page app: files under `root`, index.html for every other path
 * (client-side routes). Hashed assets are cached for a year, index.html never.
 */
export function serveWebApp(root: string | null): Handler {
  return async (c) => {
    if (!root) return c.html(NOT_BUILT);
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const file = normalize(join(root, path));
    const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
    if (inside && extname(file) && !path.endsWith('/')) {
      try {
        const body = await readFile(file);
        c.header('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
        c.header('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        return c.body(body);
      } catch {
        return c.text('Not found', 404);
      }
    }
    try {
      const html = await readFile(join(root, 'index.html'), 'utf8');
      c.header('cache-control', 'no-cache');
      return c.html(html);
    } catch {
      return c.html(NOT_BUILT);
    }
  };
}
