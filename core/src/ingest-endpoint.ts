import { ObservatoryValidationError } from './observatory-error.js';

/** The options that choose HTTP ingest. */
export interface IngestSettings {
  databaseUrl?: string;
  ingestUrl?: string | null;
}

/**
 * The POST /api/calls endpoint calls are sent to, or null to write a database. The
 * `ingestUrl` option, else OBSERVATORY_INGEST_URL unless a `databaseUrl` option is given
 * (an explicit database wins over the environment); `ingestUrl: null` never sends. A base
 * URL (`http://collector:7777`, or a path behind a proxy) gets `api/calls` appended.
 */
export function resolveIngestEndpoint(options: IngestSettings, env: NodeJS.ProcessEnv = process.env): string | null {
  if (options.ingestUrl === null) return null;
  if (options.ingestUrl && options.databaseUrl) {
    throw new ObservatoryValidationError('options', [
      {
        field: 'ingestUrl',
        value: options.ingestUrl,
        message: `cannot be combined with databaseUrl (${options.databaseUrl}): calls go either to a server or to a database`,
      },
    ]);
  }
  const given = options.ingestUrl || (options.databaseUrl ? undefined : env.OBSERVATORY_INGEST_URL);
  if (!given) return null;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ObservatoryValidationError('options', [
      {
        field: options.ingestUrl ? 'ingestUrl' : 'OBSERVATORY_INGEST_URL',
        value: given,
        message: 'expected the http:// or https:// URL of an Observatory server, e.g. http://collector:7777',
      },
    ]);
  }
  if (!url.pathname.endsWith('/api/calls')) url.pathname = `${url.pathname.replace(/\/$/, '')}/api/calls`;
  return url.toString();
}
