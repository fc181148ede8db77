import type { OtlpEncoding } from './decode-trace-request.js';
import { traceServiceMessages } from './otlp-protobuf.js';

/** Spans refused, and why; none means full success. */
export interface TraceRejections {
  rejectedSpans: number;
  errorMessage: string;
}

/**
 * The ExportTraceServiceResponse body, in the request's encoding. Per the OTLP spec,
 * `partialSuccess` is set only when some spans were rejected.
 */
export function encodeTraceResponse(
  rejections: TraceRejections,
  encoding: OtlpEncoding,
): Uint8Array<ArrayBuffer> | string {
  const { rejectedSpans, errorMessage } = rejections;
  const response = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  if (encoding === 'json') {
    // int64 fields are strings in OTLP/JSON.
    return JSON.stringify(
      rejectedSpans > 0 ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {},
    );
  }
  return new Uint8Array(traceServiceMessages.ExportTraceServiceResponse.encode(response).finish());
}
