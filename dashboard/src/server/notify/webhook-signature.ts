import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook delivery, as receivers look them up (HTTP header names are case-insensitive). */
export const WEBHOOK_HEADERS = {
  eventId: 'Observatory-Event-Id',
  timestamp: 'Observatory-Timestamp',
  signature: 'Observatory-Signature',
} as const;

const VERSION = 'v1';

/**
 * The `Observatory-Signature` value: `v1=` + hex HMAC-SHA256 of `${timestamp}.${body}` keyed
 * with the channel's secret. Signing the timestamp too means a captured request cannot be
 * replayed later with a fresh timestamp.
 */
export function signWebhookPayload(secret: string, timestamp: number, body: string | Uint8Array): string {
  return `${VERSION}=${hmacHex(secret, String(timestamp), body)}`;
}

export interface WebhookSignatureInput {
  secret: string;
  /** The `Observatory-Timestamp` header: unix seconds. */
  timestamp: string | number;
  /** The `Observatory-Signature` header; several comma-separated `v1=` values are accepted (secret rotation). */
  signature: string;
  /** The raw request body, exactly as received (not re-serialized JSON). */
  body: string | Uint8Array;
  now?: Date;
  /** How far the timestamp may be from `now`, in seconds. */
  toleranceSeconds?: number;
}

/**
 * Whether a webhook request really comes from this Observatory and is recent. Compares in
 * constant time, and rejects a timestamp more than `toleranceSeconds` away from now.
 *
 * @example
 * const ok = verifyWebhookSignature({
 *   secret: process.env.OBSERVATORY_WEBHOOK_SECRET,
 *   timestamp: req.headers['observatory-timestamp'],
 *   signature: req.headers['observatory-signature'],
 *   body: rawBody,
 * });
 */
export function verifyWebhookSignature({
  secret,
  timestamp,
  signature,
  body,
  now = new Date(),
  toleranceSeconds = 300,
}: WebhookSignatureInput): boolean {
  const stamp = String(timestamp).trim();
  if (!/^\d+$/.test(stamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(stamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, stamp, body));
  return signature.split(',').some((part) => {
    const [version, hex] = part.trim().split('=', 2);
    if (version !== VERSION || hex === undefined) return false;
    const given = Buffer.from(hex.toLowerCase());
    // timingSafeEqual needs equal lengths; a wrong length says nothing about the secret.
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmacHex(secret: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}
