import { describe, expect, it } from 'vitest';
import { normalizeProvider, readRequestedModel, resolveModelName, resolveProvider } from './resolve-model.js';

describe('resolveModelName', () => {
  it('prefers the model that answered, then invocation_params.model, then ls_model_name', () => {
    const response = { model_name: 'gpt-4o-2024-08-06' };
    const requested = readRequestedModel({ invocation_params: { model: 'gpt-4o' } }, { ls_model_name: 'x' });
    expect(requested).toBe('gpt-4o');
    expect(resolveModelName(requested, response)).toBe('gpt-4o-2024-08-06');
    expect(resolveModelName(requested, {})).toBe('gpt-4o');
    expect(resolveModelName(readRequestedModel({ invocation_params: {} }, { ls_model_name: 'gpt-4o-mini' }), {})).toBe(
      'gpt-4o-mini',
    );
    expect(resolveModelName(undefined, { model: 'claude-sonnet-4-5-20250929' })).toBe('claude-sonnet-4-5-20250929');
    expect(resolveModelName(undefined, undefined)).toBe('unknown');
  });
});

describe('normalizeProvider', () => {
  it.each([
    ['openai', 'openai'],
    ['anthropic', 'anthropic'],
    ['google_genai', 'google'],
    ['google_vertexai', 'google'],
    ['bedrock', 'aws-bedrock'],
    ['mistralai', 'mistral'],
    ['xai', 'x-ai'],
    ['FakeListChatModel', 'fakelist'],
    ['OpenAI', 'openai'],
    ['MistralAI', 'mistral'],
    ['ChatMyCompany', 'mycompany'],
    ['FakeLLM', 'fake'],
    ['fireworks', 'fireworks'],
  ])('%s → %s', (value, expected) => {
    expect(normalizeProvider(value)).toBe(expected);
  });

  it('gives undefined for an empty or non-string value', () => {
    expect(normalizeProvider('')).toBeUndefined();
    expect(normalizeProvider(undefined)).toBeUndefined();
    expect(normalizeProvider(42)).toBeUndefined();
  });
});

describe('resolveProvider', () => {
  it('takes ls_provider, then the response model_provider, then the class name', () => {
    expect(resolveProvider('anthropic', { model_provider: 'openai' }, 'ChatAnthropic')).toBe('anthropic');
    expect(resolveProvider(undefined, { model_provider: 'openai' }, 'OpenAI')).toBe('openai');
    expect(resolveProvider(undefined, undefined, 'FakeLLM')).toBe('fake');
    expect(resolveProvider(undefined, undefined, undefined)).toBe('unknown');
  });
});
