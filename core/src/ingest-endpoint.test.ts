import { describe, expect, it } from 'vitest';
import { resolveIngestEndpoint } from './ingest-endpoint.js';
import { ObservatoryValidationError } from './observatory-error.js';

describe('resolveIngestEndpoint', () => {
  it('appends api/calls to a base URL, also one under a proxy path, and keeps a full endpoint', () => {
    expect(resolveIngestEndpoint({ ingestUrl: 'http://collector:7777' }, {})).toBe('http://collector:7777/api/calls');
    expect(resolveIngestEndpoint({ ingestUrl: 'https://ops.example/observatory/' }, {})).toBe(
      'https://ops.example/observatory/api/calls',
    );
    expect(resolveIngestEndpoint({ ingestUrl: 'http://collector:7777/api/calls' }, {})).toBe(
      'http://collector:7777/api/calls',
    );
  });

  it('reads OBSERVATORY_INGEST_URL unless a databaseUrl option or ingestUrl: null says otherwise', () => {
    const env = { OBSERVATORY_INGEST_URL: 'http://collector:7777' };
    expect(resolveIngestEndpoint({}, env)).toBe('http://collector:7777/api/calls');
    expect(resolveIngestEndpoint({ databaseUrl: './local.db' }, env)).toBeNull();
    expect(resolveIngestEndpoint({ ingestUrl: null }, env)).toBeNull();
    expect(resolveIngestEndpoint({}, {})).toBeNull();
  });

  it('names the option and the value when the URL is not http(s) or both destinations are given', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (ObservatoryValidationError.isInstance(error)) return error.issues[0];
        throw error;
      }
      throw new Error('expected a validation error');
    };
    expect(refused(() => resolveIngestEndpoint({ ingestUrl: 'collector:7777' }, {}))).toMatchObject({
      field: 'ingestUrl',
      value: 'collector:7777',
    });
    expect(refused(() => resolveIngestEndpoint({}, { OBSERVATORY_INGEST_URL: 'ftp://x' }))).toMatchObject({
      field: 'OBSERVATORY_INGEST_URL',
      value: 'ftp://x',
    });
    expect(
      refused(() => resolveIngestEndpoint({ ingestUrl: 'http://collector:7777', databaseUrl: './a.db' }, {})),
    ).toMatchObject({ field: 'ingestUrl', message: expect.stringMatching(/cannot be combined with databaseUrl/) });
  });
});
