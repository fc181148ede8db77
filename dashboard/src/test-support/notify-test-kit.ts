import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Notification } from '../server/notify/notification.js';

/** A notification with every field set; override what a test is about. */
export function makeNotification(overrides: Partial<Notification> = {}): Notification {
  return {
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
    startedAt: new Date('2025-06-01T10:00:00.000Z'),
    resolvedAt: null,
    ...overrides,
  };
}

/** One request as the receiver got it; `body` is the raw text, byte for byte. */
export interface ReceivedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** An HTTP server on a loopback port that records every request. */
export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Start a receiver; `answer` picks the reply to the n-th request (0-based). */
export async function startHttpReceiver(
  answer: (index: number) => HttpAnswer = () => ({ status: 200, body: 'ok' }),
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { status, headers, body } = answer(requests.length);
    requests.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(status, headers).end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL on a port that was free a moment ago, so nothing answers there. */
export async function unreachableUrl(scheme = 'http'): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `${scheme}://127.0.0.1:${port}`;
}

/** A `wait` that returns at once and remembers what it was asked to wait, in ms. */
export function recordWaits(): { waits: number[]; wait: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    wait: async (ms) => {
      waits.push(ms);
    },
  };
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

export interface SmtpReceiver {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A plain SMTP server on a loopback port (no TLS, no auth) that parses what it accepts.
 * `rejectWith` picks an SMTP reply code to refuse the n-th message with, or null to accept it.
 */
export async function startSmtpReceiver(
  rejectWith: (index: number) => number | null = () => null,
): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  let offered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    async onData(stream, session, callback) {
      const mail = await simpleParser(stream);
      const code = rejectWith(offered++);
      if (code !== null) return callback(Object.assign(new Error(`refused with ${code}`), { responseCode: code }));
      const { mailFrom, rcptTo } = session.envelope;
      received.push({ envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) }, mail });
      callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
