import { BadRequest } from '../bad-request.js';
import { traceServiceMessages } from './otlp-protobuf.js';
import type { OtlpTraceRequest } from './otlp-trace-request.js';

/** The two OTLP/HTTP encodings. */
export type OtlpEncoding = 'json' | 'protobuf';

/**
 * Decode an ExportTraceServiceRequest body (already decompressed). Throws a BadRequest
 * naming the body when it is not a request in the given encoding.
 */
export function decodeTraceRequest(body: Uint8Array, encoding: OtlpEncoding): OtlpTraceRequest {
  const request = encoding === 'json' ? parseJson(body) : parseProtobuf(body);
  if (!request || typeof request !== 'object' || Array.isArray(request)) {
    throw new BadRequest('body', request, 'an OTLP ExportTraceServiceRequest object');
  }
  const { resourceSpans } = request as OtlpTraceRequest;
  if (resourceSpans != null && !Array.isArray(resourceSpans)) {
    throw new BadRequest('resourceSpans', resourceSpans, 'an array');
  }
  return request as OtlpTraceRequest;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new BadRequest('body', `(unparsable: ${(error as Error).message})`, 'OTLP/JSON');
  }
}

function parseProtobuf(body: Uint8Array): object {
  const { ExportTraceServiceRequest } = traceServiceMessages;
  try {
    // longs as strings, as in OTLP/JSON: nanosecond timestamps exceed 2^53.
    return ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
      longs: String,
      defaults: false,
    });
  } catch (error) {
    throw new BadRequest('body', `(undecodable: ${(error as Error).message})`, 'OTLP protobuf');
  }
}
