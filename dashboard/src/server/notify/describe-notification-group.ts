import type { Notification } from './notification.js';

const ORDER: ReadonlyArray<Notification['kind']> = ['firing', 'resolved', 'test'];

/**
 * "3 alerts firing, 1 resolved": what Slack and email lead with when one message lists
 * several notifications (each then listed by `notificationSummary`).
 */
export function notificationGroupTitle(notifications: readonly Notification[]): string {
  return ORDER.map((kind) => [kind, notifications.filter((n) => n.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count], i) => (i === 0 ? `${count} ${count === 1 ? 'alert' : 'alerts'} ${kind}` : `${count} ${kind}`))
    .join(', ');
}

/** Notifications a grouped message lists one by one; Slack refuses a message past ~50 blocks or 40k characters. */
export const MAX_LISTED = 20;

/** The notifications a grouped message lists, and the line that stands for the rest (null when none are left out). */
export function listedNotifications(notifications: readonly Notification[]): {
  listed: readonly Notification[];
  more: string | null;
} {
  const rest = notifications.length - MAX_LISTED;
  return {
    listed: notifications.slice(0, MAX_LISTED),
    more: rest > 0 ? `…and ${rest} more: every event is in the dashboard's alert history` : null,
  };
}
