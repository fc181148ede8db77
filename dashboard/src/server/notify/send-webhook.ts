import type { DeliveryOptions, DeliveryResult, Notification, WebhookChannel } from './notification.js';
import { postJson } from './post-json.js';
import { retryDelivery, waitFor } from './retry-delivery.js';
import { signWebhookPayload, WEBHOOK_HEADERS } from './webhook-signature.js';

const RETRY_DELAYS_MS = [500, 1000];
/** Past this a Retry-After is not waited for: the engine awaits delivery inside its evaluation loop. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * POST the notification as JSON (dates as ISO strings), signed with the channel's secret
 * (see `verifyWebhookSignature`). Retries network errors, 429 and 5xx with backoff; each
 * try is signed afresh so a late retry is still inside the receiver's tolerance. Receivers
 * can drop a repeat by `Observatory-Event-Id` plus `kind`.
 */
export function sendWebhook(
  channel: WebhookChannel,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const body = JSON.stringify(notification);
  const now = options.now ?? (() => new Date());
  return retryDelivery(
    () => {
      const timestamp = Math.floor(now().getTime() / 1000);
      return postJson(options.fetch ?? fetch, channel.url, body, {
        [WEBHOOK_HEADERS.eventId]: notification.eventId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhookPayload(channel.secret, timestamp, body),
      });
    },
    {
      delaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
      maxRetryAfterMs: MAX_RETRY_AFTER_MS,
      wait: options.wait ?? waitFor,
    },
  );
}
