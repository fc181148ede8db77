import type { AlertChannel } from '../../shared/alert-channel.js';
import type { AlertEvent } from '../../shared/alert-event.js';
import { deliver } from '../notify/deliver.js';
import type { DeliveryOptions, DeliveryResult, Notification } from '../notify/notification.js';

/** A notification an evaluation raised for an event, waiting to go to its rule's channels. */
export interface PendingNotification {
  event: AlertEvent;
  notification: Notification;
  channelIds: readonly string[];
}

const NO_SUCH_CHANNEL: DeliveryResult = { ok: false, status: 'failed: no such channel', attempts: 0 };

/**
 * Send one evaluation's notifications, each channel's together in one `deliver` (so Slack
 * and email get one message listing them, a webhook one request each), the channels in
 * parallel. Records on each event one delivery per channel of its rule, in the rule's
 * order, and `lastNotifiedAt`; the caller saves the events. Never throws, as `deliver`.
 */
export async function deliverNotifications(
  pending: readonly PendingNotification[],
  channels: readonly AlertChannel[],
  at: Date,
  options: DeliveryOptions,
): Promise<void> {
  // Per channel, what goes to it and where its outcome goes in each event's deliveries.
  const byChannel = new Map<string, Array<{ item: PendingNotification; slot: number }>>();
  for (const item of pending) {
    item.event.deliveries = [];
    item.event.lastNotifiedAt = at;
    item.channelIds.forEach((channelId, slot) => {
      const queued = byChannel.get(channelId) ?? [];
      queued.push({ item, slot });
      byChannel.set(channelId, queued);
    });
  }
  await Promise.all(
    [...byChannel].map(async ([channelId, queued]) => {
      const channel = channels.find((c) => c.id === channelId);
      const notifications = queued.map(({ item }) => item.notification);
      const results = channel
        ? await deliver(channel, notifications, options)
        : notifications.map(() => NO_SUCH_CHANNEL);
      queued.forEach(({ item, slot }, i) => {
        item.event.deliveries[slot] = { channelId, status: results[i].status, ok: results[i].ok, at: at.toISOString() };
      });
    }),
  );
}
