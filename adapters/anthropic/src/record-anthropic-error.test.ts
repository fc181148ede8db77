import Anthropic from '@anthropic-ai/sdk';
import type { LLMCall, Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnthropicError } from './record-anthropic-error.js';
import { fakeAnthropicClient } from './test/anthropic-cases.js';
import { readJsonFixture } from './test/read-fixture.js';

async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await obs.flush();
  return obs.storage.getLlmCalls({ projectName: obs.projectName });
}

const request = {
  model: 'claude-sonnet-4-5',
  max_tokens: 512,
  messages: [{ role: 'user' as const, content: 'Draft the reply.' }],
};

describe.each(testDatabases())('recordAnthropicError on %s', (database) => {
  let t: TestObservatory;
  beforeEach(async () => {
    t = await createTestObservatory({ database });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('records a 529 from the real client with status, type and request id, and leaves the error alone', async () => {
    const { client } = fakeAnthropicClient({
      status: 529,
      json: readJsonFixture('error-529-overloaded.json'),
      headers: { 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' },
    });
    const thrown = await client.messages.create(request).catch((error: unknown) => error);
    const before = (thrown as Error).message;

    recordAnthropicError(t.obs, thrown, { request, latencyMs: 40, agentName: 'Drafter', metadata: { attempt: 2 } });

    expect(thrown).toBeInstanceOf(Anthropic.APIError);
    expect((thrown as Error).message).toBe(before);
    const [call] = await storedCalls(t.obs);
    expect(t.errors).toEqual([]);
    expect(call).toMatchObject({
      modelName: 'claude-sonnet-4-5',
      agentName: 'Drafter',
      latencyMs: 40,
      usageSource: 'missing',
      totalCost: 0,
      prompt: 'user: Draft the reply.',
      error: '529 overloaded_error: Overloaded',
    });
    expect(call.metadata).toEqual({
      status: 529,
      type: 'overloaded_error',
      requestID: 'req_011CSHoEeqs5C35K2UUqR7Fy',
      errorName: 'OverloadedError',
      attempt: 2,
    });
  });

  it('records an overloaded error sent in the middle of a stream', async () => {
    const { client } = fakeAnthropicClient({
      sse: [
        'event: message_start',
        'data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_1","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}',
        '',
        'event: error',
        'data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
        '',
        '',
      ].join('\n'),
      headers: { 'request-id': 'req_stream_1' },
    });
    const thrown = await client.messages
      .stream(request)
      .finalMessage()
      .catch((error: unknown) => error);
    recordAnthropicError(t.obs, thrown, { request });
    const [call] = await storedCalls(t.obs);
    expect(call).toMatchObject({ modelName: 'claude-sonnet-4-5', error: 'overloaded_error: Overloaded' });
    expect(call.metadata).toMatchObject({ type: 'overloaded_error', requestID: 'req_stream_1' });
  });

  it.each([
    ['undefined', undefined, 'unknown error'],
    ['a string', 'socket hang up', 'socket hang up'],
    ['a TypeError', new TypeError('fetch failed'), 'TypeError: fetch failed'],
    ['a plain object', { message: 'odd' }, 'odd'],
  ])('records %s thrown by the caller without throwing', async (_label, thrown, errorText) => {
    expect(() => recordAnthropicError(t.obs, thrown, { model: 'claude-haiku-4-5' })).not.toThrow();
    const [call] = await storedCalls(t.obs);
    expect(call).toMatchObject({ modelName: 'claude-haiku-4-5', error: errorText });
  });
});
