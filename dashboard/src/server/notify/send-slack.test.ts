import { afterEach, describe, expect, it } from 'vitest';
import {
  type HttpReceiver,
  makeNotification,
  startHttpReceiver,
  unreachableUrl,
} from '../../test-support/notify-test-kit.js';
import type { SlackChannel } from './notification.js';
import { sendSlack } from './send-slack.js';

let receiver: HttpReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

function channelFor(webhookUrl: string): SlackChannel {
  return { id: 'ch-slack', name: '#alerts', type: 'slack', webhookUrl };
}

describe('sendSlack', () => {
  it('POSTs text and blocks, with a link to the sessions', async () => {
    receiver = await startHttpReceiver();
    const result = await sendSlack(channelFor(receiver.url), makeNotification());

    expect(result).toEqual({ ok: true, status: '200', attempts: 1 });
    const [request] = receiver.requests;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      text: '[Observatory] FIRING: Hourly cost (acme): gpt-4o cost this hour $4.10, usual $0.30–$0.55',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: [
              '*FIRING: Hourly cost (acme)*',
              'gpt-4o cost this hour $4.10, usual $0.30–$0.55',
              '*Rule:* Hourly cost (anomaly)',
              '*Value:* 4.1 (threshold 0.55)',
              '*Offender:* metadata.tenantId = acme',
              '*Project:* support-bot',
              '*Started:* 2025-06-01T10:00:00.000Z',
            ].join('\n'),
          },
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                {
                  type: 'link',
                  url: 'https://observatory.example.com/sessions?metadata.tenantId=acme&from=2025-06-01T10%3A00%3A00.000Z',
                  text: 'View sessions',
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('sends a resolved whole-project notification without a link, escaping Slack markup', async () => {
    receiver = await startHttpReceiver();
    const notification = makeNotification({
      kind: 'resolved',
      ruleName: 'Errors <5% & falling>',
      message: 'error rate back to 1% <!channel>',
      offender: null,
      projectName: null,
      value: null,
      threshold: null,
      link: null,
      resolvedAt: new Date('2025-06-01T11:00:00.000Z'),
    });
    await sendSlack(channelFor(receiver.url), notification);

    expect(JSON.parse(receiver.requests[0].body)).toEqual({
      text: '[Observatory] resolved: Errors &lt;5% &amp; falling&gt;: error rate back to 1% &lt;!channel&gt;',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: [
              '*resolved: Errors &lt;5% &amp; falling&gt;*',
              'error rate back to 1% &lt;!channel&gt;',
              '*Rule:* Errors &lt;5% &amp; falling&gt; (anomaly)',
              '*Started:* 2025-06-01T10:00:00.000Z',
              '*Resolved:* 2025-06-01T11:00:00.000Z',
            ].join('\n'),
          },
        },
      ],
    });
  });

  it('reports what Slack answered when it refuses, without retrying', async () => {
    receiver = await startHttpReceiver(() => ({ status: 404, body: 'no_service' }));
    const result = await sendSlack(channelFor(receiver.url), makeNotification());

    expect(result).toEqual({ ok: false, status: 'failed: HTTP 404 no_service', attempts: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports an unreachable webhook as a failure, without throwing', async () => {
    const result = await sendSlack(channelFor(await unreachableUrl()), makeNotification());

    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.status).toMatch(/^failed: connect ECONNREFUSED/);
  });
});
