import { z } from 'zod';
import type { AlertChannel } from '../../shared/alert-channel.js';

/** What the alerting engine hands to a channel: one firing, resolved or test message. */
export interface Notification {
  /** Stable id of the alert event (the same for its firing and its resolved notification). */
  eventId: string;
  kind: 'firing' | 'resolved' | 'test';
  ruleId: string;
  ruleName: string;
  /** e.g. 'budget' | 'threshold' | 'anomaly' */
  ruleKind: string;
  /** One line, e.g. "gpt-4o cost this hour $4.10, usual $0.30–$0.55". */
  message: string;
  /** What tripped the rule when it is grouped (e.g. { dimension: 'metadata.tenantId', value: 'acme' }); null for a whole-project rule. */
  offender: { dimension: string; value: string } | null;
  projectName: string | null;
  value: number | null;
  threshold: number | null;
  /** Absolute link to the offender's sessions in the dashboard, or null. */
  link: string | null;
  startedAt: Date;
  resolvedAt: Date | null;
}

// `new URL` accepts "http://" and "smtp://" with no host, hence the hostname pattern.
const anyHost = /^.+$/;
const httpUrl = z.url({ protocol: /^https?$/, hostname: anyHost, error: 'must be an http:// or https:// URL' });
const common = {
  id: z.string().min(1, 'must not be empty'),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
};

/** A channel as the API accepts it; `parseChannelConfig` turns a rejection into a 400 naming the field. */
export const channelConfigSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('slack'), webhookUrl: httpUrl }),
  z.object({
    ...common,
    type: z.literal('webhook'),
    url: httpUrl,
    // Receivers verify the HMAC with it; a short one can be guessed offline from one signed request.
    secret: z.string().min(16, 'must be at least 16 characters'),
  }),
  z.object({
    ...common,
    type: z.literal('email'),
    smtpUrl: z.url({ protocol: /^smtps?$/, hostname: anyHost, error: 'must be an smtp:// or smtps:// URL' }),
    from: z.email('must be an email address'),
    to: z.array(z.email('must be an email address')).min(1, 'must list at least one address'),
  }),
]);

/** A configured destination (the shared type the web app edits); nothing is sent anywhere but to one of these. */
export type ChannelConfig = AlertChannel;
// The schema checks exactly the shared type's fields: a field added to one fails to compile until the other has it.
channelConfigSchema satisfies z.ZodType<AlertChannel>;
export type SlackChannel = Extract<ChannelConfig, { type: 'slack' }>;
export type WebhookChannel = Extract<ChannelConfig, { type: 'webhook' }>;
export type EmailChannel = Extract<ChannelConfig, { type: 'email' }>;

export interface DeliveryResult {
  ok: boolean;
  /** '200', 'sent', 'failed: …' (≤ 120 chars) */
  status: string;
  attempts: number;
}

/** Seams for tests and for the engine; every field has a production default. */
export interface DeliveryOptions {
  /** Used for Slack and webhooks; the global `fetch` by default. */
  fetch?: typeof fetch;
  /** How a retry pauses, in ms; a real timer by default. */
  wait?: (ms: number) => Promise<void>;
  /** Pause before each retry, ms; its length + 1 is the most attempts. Webhook: [500, 1000]; email: [1000]. */
  retryDelaysMs?: readonly number[];
  /** Clock for the webhook signature's timestamp. */
  now?: () => Date;
}
