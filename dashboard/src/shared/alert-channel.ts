/**
 * Where alerts are sent: one definition for the server (which validates, stores and
 * delivers) and the web app. Nothing is sent anywhere that is not configured here.
 */
export type AlertChannel =
  /** A Slack incoming webhook (https://hooks.slack.com/…). */
  | { id: string; name: string; type: 'slack'; webhookUrl: string }
  /** Any HTTP endpoint: JSON signed with HMAC-SHA256 of `timestamp.body` under `secret`. */
  | { id: string; name: string; type: 'webhook'; url: string; secret: string }
  /** SMTP: `smtp://user:pass@host:587` or `smtps://…`. */
  | { id: string; name: string; type: 'email'; smtpUrl: string; from: string; to: string[] };

/** What the API shows of a secret (a webhook's key, an SMTP password); sending it back keeps the stored one. */
export const MASKED_SECRET = '********';

/** What a client sends to create or replace a channel (the server sets the id). */
export type AlertChannelInput = AlertChannel extends infer C ? (C extends AlertChannel ? Omit<C, 'id'> : never) : never;
