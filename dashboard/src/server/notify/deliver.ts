import { failureStatus } from './failure-status.js';
import type { ChannelConfig, DeliveryOptions, DeliveryResult, Notification } from './notification.js';
import { sendEmail } from './send-email.js';
import { sendSlack } from './send-slack.js';
import { sendWebhook } from './send-webhook.js';

/**
 * Send one notification to one configured channel. Never throws: whatever goes wrong comes
 * back as `{ ok: false, status: 'failed: …' }`, so one broken channel cannot stop the
 * alerting engine from recording the event or notifying the other channels.
 *
 * @example
 * const result = await deliver(channel, notification);
 * // { ok: true, status: '200', attempts: 1 }
 */
export async function deliver(
  channel: ChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  try {
    switch (channel.type) {
      case 'slack':
        return await sendSlack(channel, notification, options);
      case 'webhook':
        return await sendWebhook(channel, notification, options);
      case 'email':
        return await sendEmail(channel, notification, options);
      default:
        // Reached only by a config that skipped `parseChannelConfig` (e.g. an old stored row).
        return {
          ok: false,
          status: failureStatus(`unknown channel type ${JSON.stringify((channel as { type: unknown }).type)}`),
          attempts: 0,
        };
    }
  } catch (error) {
    return { ok: false, status: failureStatus(error), attempts: 1 };
  }
}
