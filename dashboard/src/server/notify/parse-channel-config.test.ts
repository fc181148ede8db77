import { ObservatoryValidationError } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { parseChannelConfig } from './parse-channel-config.js';

const slack = { id: 'c1', name: '#alerts', type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' };
const webhook = { id: 'c2', name: 'Ops', type: 'webhook', url: 'http://127.0.0.1:8080/hook', secret: 'a'.repeat(16) };
const email = {
  id: 'c3',
  name: 'On-call',
  type: 'email',
  smtpUrl: 'smtps://user:pass@smtp.example.com:465',
  from: 'alerts@example.com',
  to: ['oncall@example.com'],
};

/** The issues parseChannelConfig raised for `input`, as [field, value, message]; [] when it passed. */
function issuesOf(input: unknown): Array<[string, unknown, string]> {
  try {
    parseChannelConfig(input);
    return [];
  } catch (error) {
    if (!ObservatoryValidationError.isInstance(error)) throw error;
    return error.issues.map((issue) => [issue.field, issue.value, issue.message]);
  }
}

describe('parseChannelConfig', () => {
  it('accepts one valid channel of each type, as given', () => {
    for (const channel of [slack, webhook, email]) expect(parseChannelConfig(channel)).toEqual(channel);
  });

  it.each([
    [
      { ...slack, webhookUrl: 'ftp://hooks.example.com' },
      'webhookUrl',
      'ftp://hooks.example.com',
      'must be an http:// or https:// URL',
    ],
    [{ ...webhook, url: 'javascript:alert(1)' }, 'url', 'javascript:alert(1)', 'must be an http:// or https:// URL'],
    [{ ...webhook, url: 'http://' }, 'url', 'http://', 'must be an http:// or https:// URL'],
    [{ ...webhook, secret: 'too-short' }, 'secret', 'too-short', 'must be at least 16 characters'],
    [
      { ...email, smtpUrl: 'http://smtp.example.com' },
      'smtpUrl',
      'http://smtp.example.com',
      'must be an smtp:// or smtps:// URL',
    ],
    [{ ...email, smtpUrl: 'smtp://' }, 'smtpUrl', 'smtp://', 'must be an smtp:// or smtps:// URL'],
    [{ ...email, from: 'alerts' }, 'from', 'alerts', 'must be an email address'],
    [{ ...email, to: [] }, 'to', [], 'must list at least one address'],
    [{ ...email, to: ['oncall@example.com', 'nobody'] }, 'to.1', 'nobody', 'must be an email address'],
    [{ ...slack, name: '   ' }, 'name', '   ', 'must not be empty'],
  ])('rejects %o naming %s and its value', (input, field, value, message) => {
    expect(issuesOf(input)).toEqual([[field, value, message]]);
  });

  it('rejects an unknown type naming the type', () => {
    expect(issuesOf({ ...slack, type: 'pager' })).toEqual([
      ['type', 'pager', expect.stringContaining("'slack' | 'webhook' | 'email'")],
    ]);
  });

  it('says which field of a channel is missing', () => {
    const { secret: _, ...withoutSecret } = webhook;
    expect(issuesOf(withoutSecret)).toEqual([['secret', undefined, expect.any(String)]]);
  });

  it('names every bad field and value in the error message', () => {
    expect(() => parseChannelConfig({ ...webhook, url: 'ftp://x', secret: 'short' })).toThrow(
      'channel: url = "ftp://x": must be an http:// or https:// URL; secret = "short": must be at least 16 characters',
    );
  });
});
