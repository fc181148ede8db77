import { afterEach, describe, expect, it } from 'vitest';
import {
  type HttpReceiver,
  makeNotification,
  recordWaits,
  startHttpReceiver,
  unreachableUrl,
} from '../../test-support/notify-test-kit.js';
import { deliver } from './deliver.js';
import type { ChannelConfig } from './notification.js';

let receiver: HttpReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe('deliver', () => {
  it('sends a Slack channel the Slack message and a webhook channel the signed notification', async () => {
    receiver = await startHttpReceiver();
    const slack: ChannelConfig = { id: 's', name: 'Slack', type: 'slack', webhookUrl: receiver.url };
    const webhook: ChannelConfig = {
      id: 'w',
      name: 'Hook',
      type: 'webhook',
      url: receiver.url,
      secret: 'x'.repeat(16),
    };

    expect(await deliver(slack, [makeNotification()])).toEqual([{ ok: true, status: '200', attempts: 1 }]);
    expect(await deliver(webhook, [makeNotification()])).toEqual([{ ok: true, status: '200', attempts: 1 }]);

    const [toSlack, toWebhook] = receiver.requests;
    expect(Object.keys(JSON.parse(toSlack.body))).toEqual(['text', 'blocks']);
    expect(toSlack.headers['observatory-signature']).toBeUndefined();
    expect(JSON.parse(toWebhook.body)).toMatchObject({ eventId: makeNotification().eventId, kind: 'firing' });
    expect(toWebhook.headers['observatory-signature']).toMatch(/^v1=/);
  });

  it('sends several notifications to Slack as one message, to a webhook as one request each', async () => {
    receiver = await startHttpReceiver();
    const slack: ChannelConfig = { id: 's', name: 'Slack', type: 'slack', webhookUrl: receiver.url };
    const webhook: ChannelConfig = {
      id: 'w',
      name: 'Hook',
      type: 'webhook',
      url: receiver.url,
      secret: 'x'.repeat(16),
    };
    const notifications = ['a', 'b', 'c'].map((eventId) => makeNotification({ eventId }));
    const sent = { ok: true, status: '200', attempts: 1 };

    // One result per notification either way: a grouped message's outcome is each of its notifications'.
    expect(await deliver(slack, notifications)).toEqual([sent, sent, sent]);
    expect(receiver.requests).toHaveLength(1);
    expect(await deliver(webhook, notifications)).toEqual([sent, sent, sent]);
    const hooks = receiver.requests.slice(1);
    expect(hooks.map((r) => r.headers['observatory-event-id'])).toEqual(['a', 'b', 'c']);
    expect(await deliver(slack, [])).toEqual([]);
    expect(receiver.requests).toHaveLength(4);
  });

  it('returns a failure rather than throwing, for every channel type', async () => {
    const { wait } = recordWaits();
    const http = await unreachableUrl();
    const channels: ChannelConfig[] = [
      { id: 's', name: 'Slack', type: 'slack', webhookUrl: http },
      { id: 'w', name: 'Hook', type: 'webhook', url: http, secret: 'x'.repeat(16) },
      {
        id: 'e',
        name: 'Mail',
        type: 'email',
        smtpUrl: await unreachableUrl('smtp'),
        from: 'alerts@example.com',
        to: ['oncall@example.com'],
      },
    ];
    const results = (
      await Promise.all(channels.map((channel) => deliver(channel, [makeNotification()], { wait })))
    ).flat();

    expect(results.map(({ ok, attempts }) => ({ ok, attempts }))).toEqual([
      { ok: false, attempts: 1 },
      { ok: false, attempts: 3 },
      { ok: false, attempts: 2 },
    ]);
    for (const { status } of results) expect(status).toMatch(/^failed: .*ECONNREFUSED/);
  });

  it('refuses a channel of an unknown type without sending anything', async () => {
    const stored = { id: 'p', name: 'Pager', type: 'pager', url: 'http://127.0.0.1:9' } as unknown as ChannelConfig;

    expect(await deliver(stored, [makeNotification()])).toEqual([
      { ok: false, status: 'failed: unknown channel type "pager"', attempts: 0 },
    ]);
  });

  it('turns an error thrown inside a sender into a failed result', async () => {
    const channel: ChannelConfig = {
      id: 'w',
      name: 'Hook',
      type: 'webhook',
      url: 'http://127.0.0.1:9',
      secret: 'x'.repeat(16),
    };
    const results = await deliver(channel, [makeNotification()], {
      now: () => {
        throw new Error('clock broke');
      },
    });

    expect(results).toEqual([{ ok: false, status: 'failed: clock broke', attempts: 1 }]);
  });
});
