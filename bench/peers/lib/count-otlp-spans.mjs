// Counts the spans in an OTLP/HTTP trace export, protobuf or JSON. Only the nesting the
// count needs is read: ExportTraceServiceRequest.resource_spans (1) → ResourceSpans.scope_spans
// (2) → ScopeSpans.spans (2), from opentelemetry-proto's trace/v1/trace.proto.

const LEN = 2;

/**
 * Calls `onField(fieldNumber, start, end)` for each length-delimited field of a protobuf
 * message in `buf[start, end)`, skipping the other wire types.
 */
function forEachLengthField(buf, start, end, onField) {
  let pos = start;
  const readVarint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end) throw new Error('truncated varint');
      const byte = buf[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (pos < end) {
    const key = readVarint();
    const wireType = key % 8;
    const field = Math.floor(key / 8);
    if (wireType === 0) readVarint();
    else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else if (wireType === LEN) {
      const length = readVarint();
      onField(field, pos, pos + length);
      pos += length;
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
}

function countProtobufSpans(buf) {
  let spans = 0;
  forEachLengthField(buf, 0, buf.length, (field, start, end) => {
    if (field !== 1) return;
    forEachLengthField(buf, start, end, (resourceField, scopeStart, scopeEnd) => {
      if (resourceField !== 2) return;
      forEachLengthField(buf, scopeStart, scopeEnd, (scopeField) => {
        if (scopeField === 2) spans++;
      });
    });
  });
  return spans;
}

function countJsonSpans(text) {
  const body = JSON.parse(text);
  let spans = 0;
  for (const resource of body.resourceSpans ?? body.resource_spans ?? []) {
    for (const scope of resource.scopeSpans ?? resource.scope_spans ?? []) spans += (scope.spans ?? []).length;
  }
  return spans;
}

/** Spans in one OTLP/HTTP export body (already decompressed), by its content type. */
export function countOtlpSpans(body, contentType = '') {
  return contentType.includes('json') ? countJsonSpans(body.toString('utf8')) : countProtobufSpans(body);
}
