import type { LLMCall, Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOpenAIError } from './record-openai-error.js';
import { fakeOpenAIClient } from './test/openai-cases.js';
import { readJsonFixture } from './test/read-fixture.js';

async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await obs.flush();
  return obs.storage.getLlmCalls({ projectName: obs.projectName });
}

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Summarise the incident.' }] };

describe.each(testDatabases())('recordOpenAIError on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('records a 429 from the real client with status, code, type and request id, and leaves the error alone', async () => {
    const { client } = fakeOpenAIClient({
      status: 429,
      json: readJsonFixture('error-429-rate-limit.json'),
      headers: { 'x-request-id': 'req_rate_limited_1' },
    });
    const thrown = await client.chat.completions.create(request).catch((error: unknown) => error);
    const before = { message: (thrown as Error).message, status: (thrown as { status: number }).status };

    recordOpenAIError(t.obs, thrown, { request, latencyMs: 95, agentName: 'Summariser', metadata: { attempt: 1 } });

    expect(thrown).toBeInstanceOf(OpenAI.RateLimitError);
    expect({ message: (thrown as Error).message, status: (thrown as { status: number }).status }).toEqual(before);
    const [call] = await storedCalls(t.obs);
    expect(t.errors).toEqual([]);
    expect(call).toMatchObject({
      modelName: 'gpt-4o',
      agentName: 'Summariser',
      latencyMs: 95,
      usageSource: 'missing',
      totalCost: 0,
      prompt: 'user: Summarise the incident.',
      error: expect.stringMatching(/^429 rate_limit_exceeded: Rate limit reached for gpt-4o/),
    });
    expect(call.metadata).toEqual({
      status: 429,
      code: 'rate_limit_exceeded',
      type: 'tokens',
      requestID: 'req_rate_limited_1',
      errorName: 'RateLimitError',
      attempt: 1,
    });
  });

  it('records a connection failure by its message', async () => {
    const client = new OpenAI({
      apiKey: 'sk-test-not-a-real-key',
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const thrown = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x' })
      .catch((error: unknown) => error);
    recordOpenAIError(t.obs, thrown, { model: 'text-embedding-3-small' });
    const [call] = await storedCalls(t.obs);
    expect(call).toMatchObject({ modelName: 'text-embedding-3-small', error: 'APIConnectionError: Connection error.' });
    expect(call.metadata).toEqual({ errorName: 'APIConnectionError' });
  });

  it.each([
    ['undefined', undefined, 'unknown error'],
    ['a string', 'socket hang up', 'socket hang up'],
    ['a plain object', { message: 'weird' }, 'weird'],
    ['a number', 7, '7'],
  ])('records %s thrown by the caller without throwing', async (_label, thrown, errorText) => {
    expect(() => recordOpenAIError(t.obs, thrown)).not.toThrow();
    const [call] = await storedCalls(t.obs);
    expect(call).toMatchObject({ modelName: 'unknown', error: errorText });
  });
});
