import { notificationFacts, notificationSummary, notificationTitle } from './describe-notification.js';
import { listedNotifications, notificationGroupTitle } from './describe-notification-group.js';
import type { DeliveryOptions, DeliveryResult, Notification, SlackChannel } from './notification.js';
import { postJson } from './post-json.js';

/** The Slack incoming-webhook payload: `text` for notifications and old clients, `blocks` for the message itself. */
export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/**
 * Post one message for the notifications to a Slack incoming webhook, once (5 s timeout).
 * Slack has no way to drop a duplicate, so a failed post is reported rather than retried.
 */
export async function sendSlack(
  channel: SlackChannel,
  notifications: readonly Notification[],
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const body = JSON.stringify(toSlackMessage(notifications));
  const { ok, status } = await postJson(options.fetch ?? fetch, channel.webhookUrl, body);
  return { ok, status, attempts: 1 };
}

/** A lone notification in full (title, message, facts, link); several as one list, a line and a link each. */
export function toSlackMessage(notifications: readonly Notification[]): SlackMessage {
  return notifications.length === 1 ? toSingleMessage(notifications[0]) : toListMessage(notifications);
}

function toSingleMessage(notification: Notification): SlackMessage {
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
      elements: [{ type: 'rich_text_section', elements: [linkToSessions(notification.link)] }],
    });
  }
  return { text: escapeMrkdwn(`[Observatory] ${notificationSummary(notification)}`), blocks };
}

/** A bold count, then a bulleted rich_text list (plain text, so nothing to escape) with each sessions link. */
function toListMessage(notifications: readonly Notification[]): SlackMessage {
  const title = notificationGroupTitle(notifications);
  const { listed, more } = listedNotifications(notifications);
  const items = listed.map((notification) => {
    const line = notificationSummary(notification);
    const { link } = notification;
    const elements = link ? [{ type: 'text', text: `${line} ` }, linkToSessions(link)] : [{ type: 'text', text: line }];
    return { type: 'rich_text_section', elements };
  });
  return {
    text: escapeMrkdwn(`[Observatory] ${title}`),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}*` } },
      { type: 'rich_text', elements: [{ type: 'rich_text_list', style: 'bullet', elements: items }] },
      ...(more === null ? [] : [{ type: 'context', elements: [{ type: 'plain_text', text: more }] }]),
    ],
  };
}

function linkToSessions(url: string) {
  return { type: 'link', url, text: 'View sessions' };
}

/** Slack reads &, < and > as markup (`<url|label>`, `<!channel>`), in `text` too; rule names and messages are data. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
