import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  const cases: Array<[kind: string, secret: string]> = [
    ['openai_key', 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789'],
    ['openai_key', 'sk-abcdefghijklmnopqrstuvwxyzABCD'],
    ['anthropic_key', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345'],
    ['aws_access_key', 'AKIAIOSFODNN7EXAMPLE'],
    ['aws_access_key', 'ASIAIOSFODNN7EXAMPLE'],
    ['slack_token', 'xoxb-1234567890-abcdefghij'],
    ['github_token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['google_api_key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    [
      'jwt',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
  ];
  it.each(cases)('replaces a %s', (kind, secret) => {
    const out = redactSecrets(`use ${secret} here`);
    expect(out).toBe(`use [REDACTED:${kind}] here`);
  });

  it('redacts bearer tokens but keeps the scheme, and AWS secrets after their key name', () => {
    expect(redactSecrets('Authorization: Bearer abc123def456ghi789jkl')).toBe(
      'Authorization: Bearer [REDACTED:bearer_token]',
    );
    expect(redactSecrets('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(
      'aws_secret_access_key = [REDACTED:aws_secret_key]',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'Ask the skeptic about task-management and the AKIA prefix.';
    expect(redactSecrets(text)).toBe(text);
  });
});
