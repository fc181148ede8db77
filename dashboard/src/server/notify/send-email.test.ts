import { afterEach, describe, expect, it } from 'vitest';
import {
  makeNotification,
  recordWaits,
  type SmtpReceiver,
  startSmtpReceiver,
  unreachableUrl,
} from '../../test-support/notify-test-kit.js';
import type { EmailChannel } from './notification.js';
import { sendEmail } from './send-email.js';

let receiver: SmtpReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

function channelFor(smtpUrl: string): EmailChannel {
  return {
    id: 'ch-mail',
    name: 'On-call mail',
    type: 'email',
    smtpUrl,
    from: 'alerts@observatory.example.com',
    to: ['oncall@example.com', 'lead@example.com'],
  };
}

describe('sendEmail', () => {
  it('sends a plain-text mail with the message, value vs threshold, offender and link', async () => {
    receiver = await startSmtpReceiver();
    const result = await sendEmail(channelFor(receiver.url), [makeNotification()]);

    expect(result).toEqual({ ok: true, status: 'sent', attempts: 1 });
    expect(receiver.received).toHaveLength(1);
    const [{ envelope, mail }] = receiver.received;
    expect(envelope).toEqual({
      from: 'alerts@observatory.example.com',
      to: ['oncall@example.com', 'lead@example.com'],
    });
    expect(mail.from?.text).toBe('alerts@observatory.example.com');
    expect(mail.to).toMatchObject({ text: 'oncall@example.com, lead@example.com' });
    expect(mail.subject).toBe('[Observatory] FIRING: Hourly cost (acme)');
    expect(mail.html).toBe(false);
    expect(mail.text).toBe(
      [
        'gpt-4o cost this hour $4.10, usual $0.30–$0.55',
        '',
        'Rule: Hourly cost (anomaly)',
        'Value: 4.1 (threshold 0.55)',
        'Offender: metadata.tenantId = acme',
        'Project: support-bot',
        'Started: 2025-06-01T10:00:00.000Z',
        '',
        'Sessions: https://observatory.example.com/sessions?metadata.tenantId=acme&from=2025-06-01T10%3A00%3A00.000Z',
        '',
      ].join('\n'),
    );
    expect(mail.messageId).toBe('<7f0c2a1e-5b7d-4c1a-9d8e-1a2b3c4d5e6f@observatory.example.com>');
  });

  it('threads the resolved mail under its firing mail', async () => {
    receiver = await startSmtpReceiver();
    const resolved = makeNotification({ kind: 'resolved', resolvedAt: new Date('2025-06-01T11:00:00.000Z') });
    await sendEmail(channelFor(receiver.url), [resolved]);

    const [{ mail }] = receiver.received;
    expect(mail.subject).toBe('[Observatory] resolved: Hourly cost (acme)');
    expect(mail.text).toContain('Resolved: 2025-06-01T11:00:00.000Z\n');
    expect(mail.inReplyTo).toBe('<7f0c2a1e-5b7d-4c1a-9d8e-1a2b3c4d5e6f@observatory.example.com>');
    expect(mail.references).toBe('<7f0c2a1e-5b7d-4c1a-9d8e-1a2b3c4d5e6f@observatory.example.com>');
  });

  it('lists several notifications in one mail, a line and a link for each, outside any alert thread', async () => {
    receiver = await startSmtpReceiver();
    const notifications = [
      makeNotification({ eventId: 'e1', kind: 'resolved' }),
      makeNotification({
        eventId: 'e2',
        kind: 'resolved',
        ruleName: 'Errors per model',
        message: 'claude-sonnet-4-5 error rate back to 1.0%',
        offender: { dimension: 'model', value: 'claude-sonnet-4-5' },
        link: null,
      }),
    ];
    const result = await sendEmail(channelFor(receiver.url), notifications);

    expect(result).toEqual({ ok: true, status: 'sent', attempts: 1 });
    expect(receiver.received).toHaveLength(1);
    const [{ mail }] = receiver.received;
    expect(mail.subject).toBe('[Observatory] 2 alerts resolved');
    expect(mail.text).toBe(
      [
        '2 alerts resolved',
        '',
        `- resolved: Hourly cost (acme): gpt-4o cost this hour $4.10, usual $0.30–$0.55 <${notifications[0].link}>`,
        '- resolved: Errors per model (claude-sonnet-4-5): claude-sonnet-4-5 error rate back to 1.0%',
        '',
      ].join('\n'),
    );
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.messageId).not.toContain('e1@');
  });

  it("lists the first 20 of a bad hour's notifications and counts the rest", async () => {
    receiver = await startSmtpReceiver();
    const notifications = Array.from({ length: 23 }, (_, i) =>
      makeNotification({ eventId: `e${i}`, message: `model-${i} cost this hour $4.10`, link: null }),
    );
    await sendEmail(channelFor(receiver.url), notifications);

    const [{ mail }] = receiver.received;
    expect(mail.subject).toBe('[Observatory] 23 alerts firing');
    const lines = (mail.text as string).trim().split('\n');
    expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(20);
    expect(lines).toContain('- FIRING: Hourly cost (acme): model-19 cost this hour $4.10');
    expect(mail.text).not.toContain('model-20 ');
    expect(lines.at(-1)).toBe("…and 3 more: every event is in the dashboard's alert history");
  });

  it('retries once when the server answers "try again later" (451)', async () => {
    receiver = await startSmtpReceiver((index) => (index === 0 ? 451 : null));
    const { waits, wait } = recordWaits();
    const result = await sendEmail(channelFor(receiver.url), [makeNotification()], { wait });

    expect(result).toEqual({ ok: true, status: 'sent', attempts: 2 });
    expect(waits).toEqual([1000]);
    expect(receiver.received).toHaveLength(1);
  });

  it('does not retry a permanent refusal (550)', async () => {
    receiver = await startSmtpReceiver(() => 550);
    const { waits, wait } = recordWaits();
    const result = await sendEmail(channelFor(receiver.url), [makeNotification()], { wait });

    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.status).toMatch(/^failed: .*550/);
    expect(waits).toEqual([]);
  });

  it('reports an unreachable server as a failure after one retry, without throwing', async () => {
    const { waits, wait } = recordWaits();
    const result = await sendEmail(channelFor(await unreachableUrl('smtp')), [makeNotification()], { wait });

    expect(result).toMatchObject({ ok: false, attempts: 2 });
    expect(result.status).toMatch(/^failed: .*ECONNREFUSED/);
    expect(waits).toEqual([1000]);
  });
});
