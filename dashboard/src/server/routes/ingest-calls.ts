import { type IngestResult, type Observatory, ObservatoryError } from '@observatory/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BadRequest } from '../../bad-request.js';
import { readJsonBody } from '../read-json-body.js';
import { reply } from '../reply.js';

/** Largest request body by default: ~5,000 calls with short prompts. */
export const DEFAULT_INGEST_BODY_BYTES = 16 * 1024 * 1024;
/** Items per request; bigger deliveries are refused with 400 (send them in parts). */
export const MAX_INGEST_ITEMS = 20_000;

/**
 * POST /api/calls: the HTTP ingest of remote Observatories (the `ingestUrl` option) and of
 * senders in other languages. Body `{ items: [...] }` (format in the README). Answers 200
 * with `{ accepted, rejected }` once the accepted items are durable here — in the database
 * or in the server's disk spool — so a sender may drop what it sent; 400 when every item
 * is invalid; 413 past the body limit; 503 when the server cannot take them now.
 */
export function ingestCallsRoutes(
  observatory: Observatory | null,
  maxBodyBytes = DEFAULT_INGEST_BODY_BYTES,
  /** Told when calls were accepted (the alert rules are evaluated soon after). */
  onIngested: () => void = () => {},
): Hono {
  return new Hono().post(
    '/calls',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          {
            error: `Request body over ${maxBodyBytes} bytes: send fewer items per request`,
            parameter: 'body',
            value: c.req.header('content-length') ?? '(streamed)',
          },
          413,
        ),
    }),
    async (c) => {
      // A web page can POST text/plain to a loopback server without a CORS preflight, but not
      // application/json: requiring it keeps other sites from writing calls here.
      const contentType = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(contentType)) {
        return c.json(
          { error: 'Content-Type must be application/json', parameter: 'content-type', value: contentType },
          415,
        );
      }
      if (!observatory) {
        return c.json({ error: 'This server was started without a writer (createApp got storage only)' }, 503);
      }
      const body = await readJsonBody(c);
      const items = body.items;
      if (!Array.isArray(items)) throw new BadRequest('items', items ?? null, 'an array of recorded items');
      if (items.length > MAX_INGEST_ITEMS) {
        throw new BadRequest('items', `${items.length} items`, `at most ${MAX_INGEST_ITEMS} items per request`);
      }
      let result: IngestResult;
      try {
        result = await observatory.ingestRecorded(items);
      } catch (error) {
        // Queue full without a spool, or the server is closing: the sender keeps the items and retries.
        if (!ObservatoryError.isInstance(error)) throw error;
        return c.json({ error: error.message }, 503);
      }
      const rejected = result.rejected.map(({ index, issues }) => ({
        index,
        error: issues.map((issue) => `${itemField(index, issue.field)}: ${issue.message}`).join('; '),
        parameter: itemField(index, issues[0]?.field ?? ''),
        value: issues[0]?.value ?? null,
      }));
      if (result.accepted === 0 && rejected.length > 0) {
        const [first] = rejected;
        return c.json(
          { error: first.error, parameter: first.parameter, value: first.value, accepted: 0, rejected },
          400,
        );
      }
      if (result.accepted > 0) onIngested();
      return reply(c, 'POST /api/calls', { accepted: result.accepted, rejected });
    },
  );
}

/** `items[3].call.promptTokens`, or `items[3]` for the item as a whole. */
function itemField(index: number, field: string): string {
  return field ? `items[${index}].${field}` : `items[${index}]`;
}
