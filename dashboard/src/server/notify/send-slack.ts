import { notificationFacts, notificationTitle } from './describe-notification.js';
import type { DeliveryOptions, DeliveryResult, Notification, SlackChannel } from './notification.js';
import { postJson } from './post-json.js';

/** The Slack incoming-webhook payload: `text` for notifications and old clients, `blocks` for the message itself. */
export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/**
 * Post a notification to a Slack incoming webhook, once (5 s timeout). Slack has no way to
 * drop a duplicate, so a failed post is reported rather than retried.
 */
export async function sendSlack(
  channel: SlackChannel,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const body = JSON.stringify(toSlackMessage(notification));
  const { ok, status } = await postJson(options.fetch ?? fetch, channel.webhookUrl, body);
  return { ok, status, attempts: 1 };
}

/** The Slack message for a notification: a section with title, message and facts, then the sessions link. */
export function toSlackMessage(notification: Notification): SlackMessage {
  const title = notificationTitle(notification);
  const facts = notificationFacts(notification)
    .map(([label, value]) => `*${label}:* ${escapeMrkdwn(value)}`)
    .join('\n');
  const blocks: Array<Record<string, unknown>> = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}*\n${escapeMrkdwn(notification.message)}\n${facts}` },
    },
  ];
  if (notification.link) {
    // A rich_text link takes the URL as is; inside mrkdwn `<url|label>` an `&` or `|` in the
    // query string would have to be escaped, and some clients mishandle that.
    blocks.push({
      type: 'rich_text',
      elements: [
        { type: 'rich_text_section', elements: [{ type: 'link', url: notification.link, text: 'View sessions' }] },
      ],
    });
  }
  return { text: escapeMrkdwn(`[Observatory] ${title}: ${notification.message}`), blocks };
}

/** Slack reads &, < and > as markup (`<url|label>`, `<!channel>`), in `text` too; rule names and messages are data. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
