import { gunzipSync } from 'node:zlib';
import type { Observatory } from '@observatory/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BadRequest } from '../../bad-request.js';
import { decodeTraceRequest, type OtlpEncoding } from '../../otlp/decode-trace-request.js';
import { encodeTraceResponse } from '../../otlp/encode-trace-response.js';
import { ingestTraceRequest } from '../../otlp/ingest-trace-request.js';

/** Largest request body accepted, as sent (bytes). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Largest body after gzip decompression (bytes): a small bomb must not fill memory. */
const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Record<string, OtlpEncoding> = {
  'application/json': 'json',
  'application/x-protobuf': 'protobuf',
};

/**
 * POST /v1/traces → OTLP/HTTP trace ingest (JSON or protobuf, optionally gzip): the LLM
 * spans become calls (see dashboard/src/otlp/). Answers 200 with an
 * ExportTraceServiceResponse in the request's encoding, carrying partialSuccess when some
 * spans were rejected; 400 when the body cannot be decoded; 415 for other content types.
 * Behind the same token / loopback rule as the API.
 */
export function otlpTracesRoutes(
  observatory: Observatory | null,
  /** Told when spans became calls (the alert rules are evaluated soon after). */
  onIngested: () => void = () => {},
): Hono {
  return new Hono().post(
    '/v1/traces',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: `Request body larger than ${MAX_BODY_BYTES} bytes` }, 413),
    }),
    async (c) => {
      const contentType = c.req.header('content-type') ?? '';
      const encoding = CONTENT_TYPES[contentType.split(';')[0].trim().toLowerCase()];
      if (!encoding) {
        return c.json(
          {
            error: 'Unsupported Content-Type: OTLP/HTTP traces are application/json or application/x-protobuf',
            parameter: 'Content-Type',
            value: contentType,
          },
          415,
        );
      }
      if (!observatory) {
        return c.json({ error: 'This server was given a read-only store: it cannot record traces' }, 503);
      }
      const body = decompress(new Uint8Array(await c.req.arrayBuffer()), c.req.header('content-encoding'));
      const result = await ingestTraceRequest(observatory, decodeTraceRequest(body, encoding));
      if (result.calls > 0) onIngested();
      return c.body(encodeTraceResponse(result, encoding), 200, {
        'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
      });
    },
  );
}

function decompress(body: Uint8Array, contentEncoding: string | undefined): Uint8Array {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') throw new BadRequest('Content-Encoding', contentEncoding, 'gzip or identity');
  try {
    return gunzipSync(body, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch (error) {
    throw new BadRequest(
      'body',
      `(not gzip, or over ${MAX_DECOMPRESSED_BYTES} bytes: ${(error as Error).message})`,
      'a gzip stream',
    );
  }
}
