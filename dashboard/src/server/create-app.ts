import { createHash, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  type Observatory,
  type ObservatoryStorage,
  ObservatoryValidationError,
  parseDatabaseUrl,
} from '@observatory/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { BadRequest } from '../bad-request.js';
import { AlertEngine } from './alerts/alert-engine.js';
import type { AppContext } from './app-context.js';
import { EndpointTimings } from './endpoint-timings.js';
import { alertsRoutes } from './routes/alerts.js';
import { cacheRoutes } from './routes/cache.js';
import { callsRoutes } from './routes/calls.js';
import { costRoutes } from './routes/cost.js';
import { healthRoutes } from './routes/health.js';
import { ingestCallsRoutes } from './routes/ingest-calls.js';
import { judgeRoutes } from './routes/judge.js';
import { liveRoutes } from './routes/live.js';
import { metaRoutes } from './routes/meta.js';
import { metadataKeysRoutes } from './routes/metadata-keys.js';
import { metricsRoutes } from './routes/metrics.js';
import { otlpTracesRoutes } from './routes/otlp-traces.js';
import { overviewRoutes } from './routes/overview.js';
import { projectsRoutes } from './routes/projects.js';
import { promptsRoutes } from './routes/prompts.js';
import { routerRoutes } from './routes/router.js';
import { seriesRoutes } from './routes/series.js';
import { sessionsRoutes } from './routes/sessions.js';
import { settingsRoutes } from './routes/settings.js';
import { SampleCache } from './sample-cache.js';
import { serveWebApp } from './serve-web-app.js';
import { shareIdenticalRequests } from './share-identical-requests.js';

export interface CreateAppOptions {
  /** When set, every request except /api/health must carry it (Bearer header, or the cookie set by ?token=). */
  token?: string | null;
  /** Folder of the built web app (index.html and assets); null serves the API only. */
  webRoot?: string | null;
  /** Database shown in Settings; taken from the Observatory when one is given. */
  databaseUrl?: string;
  /** The clock, for tests. */
  now?: () => number;
  /** Receives unexpected errors (500s, failed alert checks). Default: console.error. */
  onError?: (error: unknown) => void;
  /** An alert engine to share; one is created (not started) otherwise. */
  alerts?: AlertEngine;
  version?: string;
  /** Largest POST /api/calls body in bytes; past it the answer is 413. Default 16 MiB. */
  ingestMaxBodyBytes?: number;
  /**
   * How stale the recent-call samples (SampleCache) may get before being checked again (ms).
   * Default 2,000; 0 checks on every request (tests). Aggregates are never cached: core
   * reads them from the hourly and daily rollups.
   */
  cacheRevalidateMs?: number;
}

/** Name of the cookie that carries the token digest after a visit with ?token=. */
export const TOKEN_COOKIE = 'observatory_session';

/**
 * The dashboard's Hono app: the JSON API under /api and, when `webRoot` is given, the
 * built SolidJS app. Pure: no port is opened and no timer started (see main.ts).
 *
 * @example
 * const app = createApp(new Observatory({ databaseUrl: './observatory.db' }))
 * const res = await app.request('/api/overview?range=7d')
 */
export function createApp(source: Observatory | ObservatoryStorage, options: CreateAppOptions = {}): Hono {
  // Structural check rather than instanceof, so a second copy of core still works.
  const observatory = 'recordCall' in source ? source : null;
  const storage = observatory ? observatory.storage : (source as ObservatoryStorage);
  const databaseUrl = options.databaseUrl ?? observatory?.database ?? 'unknown';
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('[observatory]', error));
  const dialect = databaseUrl === 'unknown' ? 'sqlite' : parseDatabaseUrl(databaseUrl).dialect;
  const ctx: AppContext = {
    storage,
    samples: new SampleCache(storage, now, { refreshMs: options.cacheRevalidateMs }),
    now,
    database: {
      description: databaseUrl,
      dialect,
      sizeBytes: async () => {
        if (dialect !== 'sqlite' || databaseUrl === 'unknown') return null;
        const path = parseDatabaseUrl(databaseUrl);
        if (path.dialect !== 'sqlite' || path.path === ':memory:') return null;
        const sizes = await Promise.all(
          ['', '-wal'].map((suffix) =>
            stat(`${path.path}${suffix}`).then(
              (s) => s.size,
              () => 0,
            ),
          ),
        );
        return sizes[0] + sizes[1];
      },
    },
    timings: new EndpointTimings(),
    alerts: options.alerts ?? new AlertEngine(storage, now, onError),
    version: options.version ?? '0.1.0',
    authRequired: Boolean(options.token),
  };

  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', options.token ? requireToken(options.token) : loopbackHostsOnly());
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    ctx.timings.record(`${c.req.method} ${c.req.routePath}`, performance.now() - started);
  });
  app.use(
    '/api/*',
    shareIdenticalRequests((path) => path === '/api/export'),
  );

  for (const routes of [
    healthRoutes(ctx.version),
    projectsRoutes(ctx),
    metaRoutes(ctx),
    overviewRoutes(ctx),
    callsRoutes(ctx),
    ingestCallsRoutes(observatory, options.ingestMaxBodyBytes, () => ctx.alerts.afterIngest()),
    sessionsRoutes(ctx),
    seriesRoutes(ctx),
    liveRoutes(ctx),
    costRoutes(ctx),
    routerRoutes(ctx),
    cacheRoutes(ctx),
    judgeRoutes(ctx),
    promptsRoutes(ctx),
    settingsRoutes(ctx),
    alertsRoutes(ctx),
    metadataKeysRoutes(ctx),
  ]) {
    app.route('/api', routes);
  }
  app.route('/', metricsRoutes(ctx));
  // OTLP/HTTP's fixed path, outside /api; the token / loopback middleware above applies.
  app.route(
    '/',
    otlpTracesRoutes(observatory, () => ctx.alerts.afterIngest()),
  );
  app.all('/api/*', (c) => c.json({ error: `No endpoint ${c.req.method} ${c.req.path}` }, 404));
  app.get('*', serveWebApp(options.webRoot ?? null));

  app.onError((error, c) => {
    if (error instanceof BadRequest) {
      return c.json({ error: error.message, parameter: error.parameter, value: error.value }, 400);
    }
    if (ObservatoryValidationError.isInstance(error)) {
      const [first] = error.issues;
      return c.json({ error: error.message, parameter: first?.field ?? null, value: first?.value ?? null }, 400);
    }
    onError(error);
    return c.json({ error: 'Internal server error' }, 500);
  });
  return app;
}

/** Headers that keep stored text inert even if something slipped through escaping. */
function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    // ?token= must not leak to other sites through the Referer header.
    c.header('Referrer-Policy', 'no-referrer');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
  };
}

/**
 * Without a token the server only answers requests addressed to a loopback name, so a web
 * page cannot reach it through DNS rebinding (a hostile name that resolves to 127.0.0.1).
 */
function loopbackHostsOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? 'localhost').toLowerCase();
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
    if (!['localhost', '127.0.0.1', '[::1]', ''].includes(name) && !name.endsWith('.localhost')) {
      return c.json(
        { error: `Host ${JSON.stringify(host)} refused: without OBSERVATORY_TOKEN only localhost is served` },
        403,
      );
    }
    await next();
  };
}

function requireToken(token: string): MiddlewareHandler {
  const digest = sha256(`observatory-session:${token}`);
  return async (c, next) => {
    if (c.req.path === '/api/health') return next();
    const fromQuery = c.req.query('token');
    if (fromQuery !== undefined) {
      if (!safeEqual(fromQuery, token)) return unauthorized(c);
      setCookie(c, TOKEN_COOKIE, digest, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
      });
      if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        return c.redirect(`${url.pathname}${url.search}`, 302);
      }
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (bearer !== undefined && safeEqual(bearer, token)) return next();
    const cookie = getCookie(c, TOKEN_COOKIE);
    if (cookie !== undefined && safeEqual(cookie, digest)) return next();
    return unauthorized(c);
  };
}

function unauthorized(c: Context) {
  const message =
    'Unauthorized: send "Authorization: Bearer <OBSERVATORY_TOKEN>", or open the dashboard once with ?token=<OBSERVATORY_TOKEN>';
  if (c.req.path.startsWith('/api/')) return c.json({ error: message }, 401);
  return c.text(message, 401);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a));
  const right = Buffer.from(sha256(b));
  return timingSafeEqual(left, right);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
