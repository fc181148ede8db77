import type { OtlpAnyValue, OtlpKeyValue } from './otlp-trace-request.js';

/** An attribute's value as JavaScript: int64 as a number, bytes as hex, kvlists as objects. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** OTLP key/value pairs as a map; a later duplicate key wins, as in the OTel SDKs. */
export function readAttributes(pairs: OtlpKeyValue[] | null | undefined): Map<string, AttributeValue> {
  const attributes = new Map<string, AttributeValue>();
  for (const pair of pairs ?? []) {
    if (pair?.key) attributes.set(pair.key, readAnyValue(pair.value));
  }
  return attributes;
}

function readAnyValue(value: OtlpAnyValue | null | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue != null) return value.stringValue;
  if (value.boolValue != null) return value.boolValue;
  if (value.intValue != null) return Number(value.intValue);
  if (value.doubleValue != null) return value.doubleValue;
  if (value.arrayValue != null) return (value.arrayValue.values ?? []).map(readAnyValue);
  if (value.kvlistValue != null) return Object.fromEntries(readAttributes(value.kvlistValue.values));
  if (value.bytesValue != null) return toHex(value.bytesValue);
  return null;
}

/** Ids and bytes are hex in OTLP/JSON and raw bytes in protobuf; both come out as lowercase hex. */
export function toHex(id: string | Uint8Array | null | undefined): string {
  if (id == null) return '';
  return typeof id === 'string' ? id.toLowerCase() : Buffer.from(id).toString('hex');
}
