import { failureStatus } from './failure-status.js';
import type { ChannelConfig, DeliveryOptions, DeliveryResult, Notification, WebhookChannel } from './notification.js';
import { sendEmail } from './send-email.js';
import { sendSlack } from './send-slack.js';
import { sendWebhook } from './send-webhook.js';

/**
 * Send notifications to one configured channel; one result per notification, in order.
 * Slack and email get one message listing them all (people read them, and a bad hour can
 * raise dozens), so each notification gets that message's result. A webhook gets one
 * signed request per notification, one after another: its receivers follow each event by
 * its id. Never throws: whatever goes wrong comes back as `{ ok: false, status: 'failed: …' }`,
 * so one broken channel cannot stop the alerting engine from recording the events or
 * notifying the other channels.
 *
 * @example
 * const [result] = await deliver(channel, [notification]);
 * // { ok: true, status: '200', attempts: 1 }
 */
export async function deliver(
  channel: ChannelConfig,
  notifications: readonly Notification[],
  options: DeliveryOptions = {},
): Promise<DeliveryResult[]> {
  if (notifications.length === 0) return [];
  if (channel.type === 'webhook') {
    const results: DeliveryResult[] = [];
    for (const notification of notifications) {
      results.push(await settle(() => sendWebhook(channel, notification, options)));
    }
    return results;
  }
  const result = await settle(() => sendMessage(channel, notifications, options));
  return notifications.map(() => result);
}

/** One message for all the notifications, through a channel people read. */
async function sendMessage(
  channel: Exclude<ChannelConfig, WebhookChannel>,
  notifications: readonly Notification[],
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  switch (channel.type) {
    case 'slack':
      return sendSlack(channel, notifications, options);
    case 'email':
      return sendEmail(channel, notifications, options);
    default:
      // Reached only by a config that skipped `parseChannelConfig` (e.g. an old stored row).
      return {
        ok: false,
        status: failureStatus(`unknown channel type ${JSON.stringify((channel as { type: unknown }).type)}`),
        attempts: 0,
      };
  }
}

/** The send's result, or a failure naming what it threw. */
async function settle(send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
  try {
    return await send();
  } catch (error) {
    return { ok: false, status: failureStatus(error), attempts: 1 };
  }
}
