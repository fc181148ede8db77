import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObservatoryCallbackHandler } from './observatory-callback-handler.js';
import { registerObservatoryHandler, unregisterObservatoryHandler } from './register-observatory-handler.js';
import { FakeUsageChatModel } from './test/index.js';

async function storedAgents(obs: Observatory): Promise<(string | null)[]> {
  await awaitAllCallbacks();
  await obs.flush();
  return (await obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' })).map((c) => c.agentName);
}

const model = () =>
  new FakeUsageChatModel({
    responses: ['ok'],
    model: 'gpt-4o',
    lsProvider: 'openai',
    usage: { input_tokens: 10, output_tokens: 2, total_tokens: 12 },
  });

describe.each(testDatabases())('registerObservatoryHandler on %s', (database) => {
  let t: TestObservatory;
  let adapterErrors: unknown[];
  beforeEach(async () => {
    t = await createTestObservatory({ database });
    adapterErrors = [];
  });
  afterEach(async () => {
    unregisterObservatoryHandler();
    expect(adapterErrors).toEqual([]);
    await t.cleanup();
  });

  it('records runs that pass no callbacks, until unregistered', async () => {
    registerObservatoryHandler(t.obs, { agentName: 'global', onError: (e) => adapterErrors.push(e) });
    await model().invoke('hi');
    await ChatPromptTemplate.fromTemplate('Say {word}').pipe(model()).invoke({ word: 'hi' });

    unregisterObservatoryHandler();
    await model().invoke('not recorded');

    expect(await storedAgents(t.obs)).toEqual(['global', 'global']);
  });

  it('records a call once when the same kind of handler is also passed in callbacks', async () => {
    registerObservatoryHandler(t.obs, { agentName: 'global', onError: (e) => adapterErrors.push(e) });
    const local = new ObservatoryCallbackHandler(t.obs, { agentName: 'local', onError: (e) => adapterErrors.push(e) });
    await model().invoke('hi', { callbacks: [local] });

    expect(await storedAgents(t.obs)).toEqual(['local']);
  });

  it('replaces the handler when registering again', async () => {
    registerObservatoryHandler(t.obs, { agentName: 'first', onError: (e) => adapterErrors.push(e) });
    unregisterObservatoryHandler();
    const second = registerObservatoryHandler(
      new ObservatoryCallbackHandler(t.obs, { agentName: 'second', onError: (e) => adapterErrors.push(e) }),
    );
    await model().invoke('hi');

    expect(second).toBeInstanceOf(ObservatoryCallbackHandler);
    expect(await storedAgents(t.obs)).toEqual(['second']);
  });
});
