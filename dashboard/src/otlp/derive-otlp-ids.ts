import { v5 as uuidv5 } from 'uuid';

/** Namespace of the call ids derived from spans (a fixed random UUID; never change it). */
const SPAN_CALL_NAMESPACE = '4f0c6a8e-5b1d-4d8e-9a57-2b6f1c3e7d90';

/**
 * The session of a trace: its 16-byte id written as a UUID (8-4-4-4-12 hex), so the trace
 * id can be read back from the session id.
 */
export function traceSessionId(traceIdHex: string): string {
  const h = traceIdHex;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The call id of a span: a name-based UUID (v5) of trace id + span id, so a span exported
 * twice (an exporter retry) names the same call and is stored once.
 */
export function spanCallId(traceIdHex: string, spanIdHex: string): string {
  return uuidv5(`${traceIdHex}/${spanIdHex}`, SPAN_CALL_NAMESPACE);
}
