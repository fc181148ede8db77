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
    const result = await sendSlack(channelFor(receiver.url), [makeNotification()]);

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
    await sendSlack(channelFor(receiver.url), [notification]);

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

  it('lists several notifications in one message: a count, then a line and a link for each', async () => {
    receiver = await startHttpReceiver();
    const notifications = [
      makeNotification({ eventId: 'e1' }),
      makeNotification({
        eventId: 'e2',
        ruleName: 'Errors <5%',
        message: 'claude-sonnet-4-5 error rate 33.3% & rising',
        offender: { dimension: 'model', value: 'claude-sonnet-4-5' },
        link: 'https://observatory.example.com/sessions?model=claude-sonnet-4-5',
      }),
      makeNotification({
        eventId: 'e3',
        kind: 'resolved',
        ruleName: 'Daily budget',
        message: 'spend back under $10.00',
        offender: null,
        link: null,
      }),
    ];
    const result = await sendSlack(channelFor(receiver.url), notifications);

    expect(result).toEqual({ ok: true, status: '200', attempts: 1 });
    expect(receiver.requests).toHaveLength(1);
    // Rich text is plain text: the list's lines are not escaped, the mrkdwn heading and `text` are.
    expect(JSON.parse(receiver.requests[0].body)).toEqual({
      text: '[Observatory] 2 alerts firing, 1 resolved',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*2 alerts firing, 1 resolved*' } },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [
                {
                  type: 'rich_text_section',
                  elements: [
                    {
                      type: 'text',
                      text: 'FIRING: Hourly cost (acme): gpt-4o cost this hour $4.10, usual $0.30–$0.55 ',
                    },
                    { type: 'link', url: notifications[0].link, text: 'View sessions' },
                  ],
                },
                {
                  type: 'rich_text_section',
                  elements: [
                    {
                      type: 'text',
                      text: 'FIRING: Errors <5% (claude-sonnet-4-5): claude-sonnet-4-5 error rate 33.3% & rising ',
                    },
                    { type: 'link', url: notifications[1].link, text: 'View sessions' },
                  ],
                },
                {
                  type: 'rich_text_section',
                  elements: [{ type: 'text', text: 'resolved: Daily budget: spend back under $10.00' }],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("lists the first 20 of a bad hour's notifications and counts the rest under the list", async () => {
    receiver = await startHttpReceiver();
    const notifications = Array.from({ length: 23 }, (_, i) => makeNotification({ eventId: `e${i}`, link: null }));
    await sendSlack(channelFor(receiver.url), notifications);

    const { text, blocks } = JSON.parse(receiver.requests[0].body);
    expect(text).toBe('[Observatory] 23 alerts firing');
    expect(blocks[1].elements[0].elements).toHaveLength(20);
    expect(blocks[2]).toEqual({
      type: 'context',
      elements: [{ type: 'plain_text', text: "…and 3 more: every event is in the dashboard's alert history" }],
    });
  });

  it('reports what Slack answered when it refuses, without retrying', async () => {
    receiver = await startHttpReceiver(() => ({ status: 404, body: 'no_service' }));
    const result = await sendSlack(channelFor(receiver.url), [makeNotification()]);

    expect(result).toEqual({ ok: false, status: 'failed: HTTP 404 no_service', attempts: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports an unreachable webhook as a failure, without throwing', async () => {
    const result = await sendSlack(channelFor(await unreachableUrl()), [makeNotification()]);

    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.status).toMatch(/^failed: connect ECONNREFUSED/);
  });
});
