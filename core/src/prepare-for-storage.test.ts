import { describe, expect, it } from 'vitest';
import type { LLMCall } from './models.js';
import { prepareForStorage } from './prepare-for-storage.js';
import { redactSecrets } from './redact-secrets.js';

const policy = { capturePrompts: true, redact: redactSecrets, maxTextChars: 50 };

function call(overrides: Partial<LLMCall>): LLMCall {
  return {
    prompt: null,
    responseText: null,
    error: null,
    metadata: null,
    routingDecision: null,
    qualityEvaluation: null,
    ...overrides,
  } as LLMCall;
}

describe('prepareForStorage', () => {
  it('redacts secrets in prompt, response, error and metadata strings', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';
    const out = prepareForStorage(
      call({ prompt: `key ${key}`, responseText: key, error: `bad ${key}`, metadata: { nested: { key } } }),
      { ...policy, maxTextChars: 1000 },
    );
    expect(JSON.stringify(out)).not.toContain(key);
    expect(out.prompt).toBe('key [REDACTED:openai_key]');
    expect(out.metadata).toEqual({ nested: { key: '[REDACTED:openai_key]' } });
  });

  it('replaces U+0000 in texts and in metadata keys, which PostgreSQL refuses anywhere', () => {
    const out = prepareForStorage(call({ prompt: 'a\u0000b', metadata: { 'user\u0000id': 'x\u0000y' } }), policy);
    expect(out.prompt).toBe('a\uFFFDb');
    expect(out.metadata).toEqual({ 'user\uFFFDid': 'x\uFFFDy' });
  });

  it('stores no text at all when prompt capture is off', () => {
    const out = prepareForStorage(call({ prompt: 'secret plan', responseText: 'ok' }), {
      ...policy,
      capturePrompts: false,
    });
    expect([out.prompt, out.responseText]).toEqual([null, null]);
  });

  it('cuts long texts with a marker saying how much was cut', () => {
    const out = prepareForStorage(call({ prompt: 'x'.repeat(80) }), policy);
    expect(out.prompt).toBe(`${'x'.repeat(50)} …[truncated 30 chars]`);
  });

  it('replaces lone surrogates and makes cyclic, BigInt and non-finite metadata JSON-safe', () => {
    const cyclic: Record<string, unknown> = { n: 10n, inf: Number.POSITIVE_INFINITY, when: new Date(0) };
    cyclic.self = cyclic;
    const out = prepareForStorage(call({ prompt: 'a\uD800b', metadata: cyclic }), policy);
    expect(out.prompt).toBe('a\uFFFDb');
    expect(out.metadata).toEqual({ n: '10', inf: 'Infinity', when: '1970-01-01T00:00:00.000Z', self: '[Circular]' });
    expect(() => JSON.stringify(out.metadata)).not.toThrow();
  });
});
