import nodemailer, { type NodemailerError, type SendMailOptions } from 'nodemailer';
import { notificationFacts, notificationSummary, notificationTitle } from './describe-notification.js';
import { listedNotifications, notificationGroupTitle } from './describe-notification-group.js';
import { failureStatus } from './failure-status.js';
import type { DeliveryOptions, DeliveryResult, EmailChannel, Notification } from './notification.js';
import { retryDelivery, waitFor } from './retry-delivery.js';

const RETRY_DELAYS_MS = [1000];
// nodemailer waits up to 2 min to connect and 10 min on a silent socket by default;
// an alert that late is no use, and the engine awaits it.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
/** Failures of the connection itself, before the server answered; the next connection may work. */
const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']);

/**
 * Send one plain-text email for the notifications through the channel's SMTP server. Retries
 * once on a transient failure: a lost connection or a 4xx reply ("try again later").
 * Options in the URL's query string (e.g. `?requireTLS=true`) go to nodemailer as they are.
 */
export function sendEmail(
  channel: EmailChannel,
  notifications: readonly Notification[],
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const message = toEmailMessage(channel, notifications);
  return retryDelivery(
    async () => {
      // A new connection per try: a transient failure was usually the connection's.
      const transport = nodemailer.createTransport({ ...TIMEOUTS, url: channel.smtpUrl });
      try {
        await transport.sendMail(message);
        return { ok: true, status: 'sent', transient: false };
      } catch (error) {
        return { ok: false, status: failureStatus(error), transient: isTransient(error) };
      } finally {
        transport.close();
      }
    },
    // SMTP has no Retry-After, so no cap to set.
    { delaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS, maxRetryAfterMs: 0, wait: options.wait ?? waitFor },
  );
}

/** A lone notification in full; several as one mail, subject "[Observatory] 3 alerts firing, 1 resolved", a line each. */
export function toEmailMessage(channel: EmailChannel, notifications: readonly Notification[]): SendMailOptions {
  return notifications.length === 1
    ? toSingleMessage(channel, notifications[0])
    : toListMessage(channel, notifications);
}

/** Subject "[Observatory] FIRING: <rule>", a plain-text body, and headers that thread the resolution under its alert. */
function toSingleMessage(channel: EmailChannel, notification: Notification): SendMailOptions {
  const facts = notificationFacts(notification).map(([label, value]) => `${label}: ${value}`);
  const lines = [notification.message, '', ...facts];
  if (notification.link) lines.push('', `Sessions: ${notification.link}`);
  return {
    from: channel.from,
    to: channel.to,
    subject: `[Observatory] ${notificationTitle(notification)}`,
    text: `${lines.join('\n')}\n`,
    ...threadHeaders(channel, notification),
  };
}

/** One line per notification, its sessions link in angle brackets (RFC 3986's delimiter for a URL in text). */
function toListMessage(channel: EmailChannel, notifications: readonly Notification[]): SendMailOptions {
  const title = notificationGroupTitle(notifications);
  const { listed, more } = listedNotifications(notifications);
  const lines = listed.map((n) => `- ${notificationSummary(n)}${n.link ? ` <${n.link}>` : ''}`);
  if (more !== null) lines.push(more);
  // No thread headers: the mail is about several events, so it belongs to no one event's thread.
  return {
    from: channel.from,
    to: channel.to,
    subject: `[Observatory] ${title}`,
    text: `${[title, '', ...lines].join('\n')}\n`,
  };
}

/** The firing mail gets a Message-ID made from the event id; the resolved mail replies to it. */
function threadHeaders(channel: EmailChannel, notification: Notification): SendMailOptions {
  const domain = channel.from.split('@').pop();
  const alertId = `<${notification.eventId.replace(/[^\w.-]/g, '-')}@${domain}>`;
  if (notification.kind === 'firing') return { messageId: alertId };
  if (notification.kind === 'resolved') return { inReplyTo: alertId, references: alertId };
  return {};
}

/** nodemailer sets `permanent` from the reply code (false for 4xx); with no reply, judge by the error code. */
function isTransient(error: unknown): boolean {
  const { permanent, code } = (error ?? {}) as NodemailerError;
  if (permanent !== undefined) return !permanent;
  return CONNECTION_ERRORS.has(code ?? '');
}
