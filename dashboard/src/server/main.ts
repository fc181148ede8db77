import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Observatory } from '@observatory/core';
import { AlertEngine } from './alerts/alert-engine.js';
import { countTokens } from './analysis/count-tokens.js';
import { CallTextIndexer } from './call-text-indexer.js';
import { createApp } from './create-app.js';

export interface ServeOptions {
  databaseUrl?: string;
  port?: number;
  host?: string;
  /** Required for a non-loopback host. Default: OBSERVATORY_TOKEN. */
  token?: string | null;
  /** Folder of the built web app. Default: dist/web next to this module (built or from source). */
  webRoot?: string | null;
}

export interface RunningServer {
  url: string;
  observatory: Observatory;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 7777;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Start the dashboard: open the store, start the alert engine and the text indexer, warm
 * the session counts and the tokenizer, and listen. The only impure entry of the server. Refuses a non-loopback host without a token.
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_PORT;
  const token = options.token === undefined ? process.env.OBSERVATORY_TOKEN || null : options.token;
  if (!LOOPBACK.has(host) && !token) {
    throw new Error(
      `Refusing to listen on ${host}: the dashboard would be reachable from other machines. Set OBSERVATORY_TOKEN to require a token, or use --host 127.0.0.1.`,
    );
  }
  // ingestUrl: null — the server writes its own database even where OBSERVATORY_INGEST_URL is set.
  const observatory = new Observatory({ databaseUrl: options.databaseUrl, ingestUrl: null, flushOnExit: false });
  // Opening the store runs pending migrations now, so a bad URL fails here, not on the first page.
  await observatory.storage.store();
  const onError = (error: unknown) => console.error('[observatory]', error instanceof Error ? error.message : error);
  const alerts = new AlertEngine(observatory.storage, Date.now, onError, {
    dashboardUrl:
      process.env.OBSERVATORY_PUBLIC_URL ||
      `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`,
  });
  const app = createApp(observatory, {
    token,
    webRoot: options.webRoot === undefined ? findWebRoot() : options.webRoot,
    alerts,
    onError,
  });
  alerts.start();
  const textIndexer = new CallTextIndexer(observatory.storage, onError);
  textIndexer.start();
  // Before listening, so no request waits behind them: load the session counts of the
  // closed days (the first overview) and build the o200k tokenizer (~1 s, synchronous:
  // after listening it held up whichever request came first).
  await app.request('/api/overview', {
    headers: { host: 'localhost', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  countTokens('warm up', 'gpt-4o');

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    observatory,
    close: async () => {
      // Background work and requests in flight finish before the store closes.
      await Promise.all([alerts.stop(), textIndexer.stop()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await observatory.close();
    },
  };
}

/** dist/web beside the built server (dist/server/main.js → dist/web), or the package's dist/web when run from source. */
function findWebRoot(): string | null {
  for (const relative of ['../web/', '../../dist/web/']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${path}index.html`)) return path.replace(/\/$/, '');
  }
  return null;
}
