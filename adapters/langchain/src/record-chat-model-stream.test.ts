import type { LLMCall, Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { recordChatModelStream } from './record-chat-model-stream.js';
import { FakeUsageChatModel } from './test/index.js';

async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await obs.flush();
  return obs.storage.getLlmCalls({ limit: 10 });
}

describe.each(testDatabases())('recordChatModelStream on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('records a streamEvents() call, which runs no callbacks, while the app reads every event', async () => {
    t = await createTestObservatory({ database });
    const model = new FakeUsageChatModel({
      responses: ['Hi there!'],
      sleep: 10,
      lsProvider: 'openai',
      lsModelName: 'gpt-4o',
      usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 },
    });
    const stream = model.streamEvents('Say hi');
    const recorded = recordChatModelStream(t.obs, model, 'Say hi', stream, { agentName: 'greeter' });
    const events: string[] = [];
    for await (const event of stream) events.push((event as { event: string }).event);
    const call = await recorded;

    expect(events[0]).toBe('message-start');
    expect(events.at(-1)).toBe('message-finish');
    expect(call).toBeDefined();
    const [stored] = await storedCalls(t.obs);
    expect(stored).toMatchObject({
      provider: 'openai',
      modelName: 'gpt-4o',
      agentName: 'greeter',
      prompt: 'Say hi',
      responseText: 'Hi there!',
      promptTokens: 12,
      completionTokens: 3,
      usageSource: 'reported',
      finishReason: 'stop',
      error: null,
    });
    expect(stored.ttftMs).toBeGreaterThan(0);
    expect(stored.ttftMs).toBeLessThan(stored.latencyMs);
    expect(stored.totalCost).toBeCloseTo((12 * 2.5 + 3 * 10) / 1e6, 12);
  });

  it('records a stream that fails as a failed call', async () => {
    t = await createTestObservatory({ database });
    const model = new FakeUsageChatModel({
      responses: ['never'],
      lsProvider: 'anthropic',
      lsModelName: 'claude-sonnet-4-5',
      error: new Error('overloaded_error: Overloaded'),
    });
    const stream = model.streamEvents('Summarise the ticket');
    const recorded = recordChatModelStream(t.obs, model, 'Summarise the ticket', stream);
    await expect(Promise.resolve(stream)).rejects.toThrow(/Overloaded/);
    await recorded;
    const [stored] = await storedCalls(t.obs);
    expect(stored).toMatchObject({ provider: 'anthropic', modelName: 'claude-sonnet-4-5', usageSource: 'estimated' });
    expect(stored.error).toMatch(/Overloaded/);
  });
});
