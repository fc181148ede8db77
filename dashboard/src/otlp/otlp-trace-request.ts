/**
 * The few fields of an OTLP ExportTraceServiceRequest that ingest reads, in the OTLP/JSON
 * shape (camelCase). Decoded protobuf is brought to the same shape, except that ids may be
 * bytes there and hex strings in JSON, and 64-bit integers strings or numbers.
 */
export interface OtlpTraceRequest {
  resourceSpans?: OtlpResourceSpans[] | null;
}

export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] | null } | null;
  scopeSpans?: Array<{ spans?: OtlpSpan[] | null }> | null;
}

export interface OtlpSpan {
  traceId?: string | Uint8Array | null;
  spanId?: string | Uint8Array | null;
  parentSpanId?: string | Uint8Array | null;
  name?: string | null;
  startTimeUnixNano?: string | number | null;
  endTimeUnixNano?: string | number | null;
  attributes?: OtlpKeyValue[] | null;
  /** code 2 (STATUS_CODE_ERROR) marks a failed span; JSON may carry the enum's name. */
  status?: { code?: number | string | null; message?: string | null } | null;
}

export interface OtlpKeyValue {
  key?: string | null;
  value?: OtlpAnyValue | null;
}

export interface OtlpAnyValue {
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: string | number | null;
  doubleValue?: number | null;
  arrayValue?: { values?: OtlpAnyValue[] | null } | null;
  kvlistValue?: { values?: OtlpKeyValue[] | null } | null;
  bytesValue?: string | Uint8Array | null;
}
