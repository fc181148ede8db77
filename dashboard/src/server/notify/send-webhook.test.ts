import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type HttpAnswer,
  type HttpReceiver,
  makeNotification,
  recordWaits,
  startHttpReceiver,
  unreachableUrl,
} from '../../test-support/notify-test-kit.js';
import type { WebhookChannel } from './notification.js';
import { sendWebhook } from './send-webhook.js';
import { verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec-0123456789abcdef';
const NOW = new Date('2025-06-01T10:05:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;

let receiver: HttpReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

function channelFor(url: string): WebhookChannel {
  return { id: 'ch-1', name: 'Ops webhook', type: 'webhook', url, secret: SECRET };
}

/** Send one notification to a receiver answering `answers` in turn (the last one repeats). */
async function sendTo(...answers: HttpAnswer[]) {
  receiver = await startHttpReceiver((index) => answers[Math.min(index, answers.length - 1)]);
  const { waits, wait } = recordWaits();
  const result = await sendWebhook(channelFor(receiver.url), makeNotification(), { wait, now: () => NOW });
  return { result, waits, requests: receiver.requests };
}

describe('sendWebhook', () => {
  it('POSTs the notification as JSON with ISO dates and the Observatory headers', async () => {
    const { result, requests } = await sendTo({ status: 200 });

    expect(result).toEqual({ ok: true, status: '200', attempts: 1 });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toEqual({
      eventId: '7f0c2a1e-5b7d-4c1a-9d8e-1a2b3c4d5e6f',
      kind: 'firing',
      ruleId: 'rule-1',
      ruleName: 'Hourly cost',
      ruleKind: 'anomaly',
      message: 'gpt-4o cost this hour $4.10, usual $0.30–$0.55',
      offender: { dimension: 'metadata.tenantId', value: 'acme' },
      projectName: 'support-bot',
      value: 4.1,
      threshold: 0.55,
      link: 'https://observatory.example.com/sessions?metadata.tenantId=acme&from=2025-06-01T10%3A00%3A00.000Z',
      startedAt: '2025-06-01T10:00:00.000Z',
      resolvedAt: null,
    });
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'observatory-event-id': '7f0c2a1e-5b7d-4c1a-9d8e-1a2b3c4d5e6f',
      'observatory-timestamp': String(NOW_SECONDS),
    });
    // The documented scheme, computed independently of signWebhookPayload.
    const expected = createHmac('sha256', SECRET).update(`${NOW_SECONDS}.${request.body}`).digest('hex');
    expect(request.headers['observatory-signature']).toBe(`v1=${expected}`);
  });

  describe('its signature, checked with verifyWebhookSignature on the real request', () => {
    async function receivedSignature() {
      const { requests } = await sendTo({ status: 200 });
      const { headers, body } = requests[0];
      return {
        secret: SECRET,
        timestamp: String(headers['observatory-timestamp']),
        signature: String(headers['observatory-signature']),
        body,
        now: NOW,
      };
    }

    it('is accepted as sent', async () => {
      expect(verifyWebhookSignature(await receivedSignature())).toBe(true);
    });

    it('is accepted from the raw bytes as well as the text', async () => {
      const signed = await receivedSignature();
      expect(verifyWebhookSignature({ ...signed, body: Buffer.from(signed.body, 'utf8') })).toBe(true);
    });

    it('is rejected for a tampered body', async () => {
      const signed = await receivedSignature();
      const tampered = signed.body.replace('"value":4.1', '"value":0.1');
      expect(tampered).not.toBe(signed.body);
      expect(verifyWebhookSignature({ ...signed, body: tampered })).toBe(false);
    });

    it('is rejected with the wrong secret', async () => {
      const signed = await receivedSignature();
      expect(verifyWebhookSignature({ ...signed, secret: 'another-secret-0123456789' })).toBe(false);
    });

    it('is rejected when the timestamp is older than the tolerance, or swapped for a fresh one', async () => {
      const signed = await receivedSignature();
      const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
      expect(verifyWebhookSignature({ ...signed, now: later(300) })).toBe(true);
      expect(verifyWebhookSignature({ ...signed, now: later(301) })).toBe(false);
      expect(verifyWebhookSignature({ ...signed, now: later(3600), toleranceSeconds: 3600 })).toBe(true);
      // A replay with the header moved to now fails: the timestamp is inside the signed string.
      expect(verifyWebhookSignature({ ...signed, timestamp: NOW_SECONDS + 600, now: later(600) })).toBe(false);
    });

    it('is rejected when malformed', async () => {
      const signed = await receivedSignature();
      const hex = signed.signature.slice(3);
      for (const signature of ['', hex, `v0=${hex}`, `v1=${hex.slice(1)}`, 'v1=']) {
        expect(verifyWebhookSignature({ ...signed, signature }), signature).toBe(false);
      }
      expect(verifyWebhookSignature({ ...signed, timestamp: 'soon' })).toBe(false);
      // Several signatures (as while rotating a secret) pass when one of them matches.
      expect(verifyWebhookSignature({ ...signed, signature: `v1=${'0'.repeat(64)}, ${signed.signature}` })).toBe(true);
    });
  });

  it('retries a 503 with backoff until the receiver answers 200', async () => {
    const { result, waits, requests } = await sendTo({ status: 503 }, { status: 503 }, { status: 200 });

    expect(result).toEqual({ ok: true, status: '200', attempts: 3 });
    expect(waits).toEqual([500, 1000]);
    expect(requests.map((r) => r.headers['observatory-event-id'])).toEqual(
      Array(3).fill(requests[0].headers['observatory-event-id']),
    );
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after 3 attempts and reports the last answer', async () => {
    const { result, waits } = await sendTo({ status: 502, body: 'Bad gateway' });

    expect(result).toEqual({ ok: false, status: 'failed: HTTP 502 Bad gateway', attempts: 3 });
    expect(waits).toEqual([500, 1000]);
  });

  it('waits as long as a 429 Retry-After asks, up to its cap', async () => {
    const { result, waits } = await sendTo({ status: 429, headers: { 'retry-after': '3' } }, { status: 200 });

    expect(result).toEqual({ ok: true, status: '200', attempts: 2 });
    expect(waits).toEqual([3000]);
  });

  it('does not retry when Retry-After asks for longer than the cap', async () => {
    const { result, waits } = await sendTo({ status: 429, headers: { 'retry-after': '3600' } });

    expect(result).toEqual({ ok: false, status: 'failed: HTTP 429', attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('does not retry a 400', async () => {
    const { result, requests } = await sendTo({ status: 400, body: 'bad payload' }, { status: 200 });

    expect(result).toEqual({ ok: false, status: 'failed: HTTP 400 bad payload', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('does not follow a redirect with the signed body', async () => {
    const { result, requests } = await sendTo({ status: 307, headers: { location: 'http://127.0.0.1:9/elsewhere' } });

    expect(result).toEqual({ ok: false, status: 'failed: HTTP 307', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('reports an unreachable receiver as a failure after retrying, without throwing', async () => {
    const { waits, wait } = recordWaits();
    const result = await sendWebhook(channelFor(await unreachableUrl()), makeNotification(), { wait });

    expect(result).toMatchObject({ ok: false, attempts: 3 });
    expect(result.status).toMatch(/^failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect(waits).toEqual([500, 1000]);
  });
});
