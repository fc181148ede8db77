import { readFileSync } from 'node:fs';
import { ChatOpenAI } from '@langchain/openai';
import { createFakeFetch, createTestObservatory, type TestObservatory } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { ObservatoryCallbackHandler } from './observatory-callback-handler.js';

/** A recorded OpenAI Responses API reply (the openai adapter's golden fixture). */
const response = JSON.parse(
  readFileSync(new URL('../../openai/src/__fixtures__/response-gpt-4o-cached.json', import.meta.url), 'utf8'),
);

describe('ChatOpenAI on the Responses API', () => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('records the response status as the finish reason, as the openai adapter does', async () => {
    t = await createTestObservatory({});
    const { fetch } = createFakeFetch({ json: response });
    const model = new ChatOpenAI({
      model: 'gpt-4o',
      useResponsesApi: true,
      apiKey: 'sk-test',
      configuration: { fetch },
    });
    await model.invoke('Write the release notes.', { callbacks: [new ObservatoryCallbackHandler(t.obs)] });
    await t.obs.flush();
    const [call] = await t.obs.storage.getLlmCalls({ limit: 1 });
    expect(call).toMatchObject({
      provider: 'openai',
      finishReason: 'completed',
      promptTokens: response.usage.input_tokens,
      completionTokens: response.usage.output_tokens,
      cachedPromptTokens: response.usage.input_tokens_details.cached_tokens,
    });
  });

  it('does so for a streamed response too', async () => {
    t = await createTestObservatory({});
    const sse = readFileSync(
      new URL('../../openai/src/__fixtures__/response-stream-o3-mini-reasoning.sse', import.meta.url),
      'utf8',
    );
    const { fetch } = createFakeFetch({ sse });
    const model = new ChatOpenAI({
      model: 'o3-mini',
      useResponsesApi: true,
      apiKey: 'sk-test',
      configuration: { fetch },
    });
    for await (const _chunk of await model.stream('Plan the migration.', {
      callbacks: [new ObservatoryCallbackHandler(t.obs)],
    })) {
      // drain
    }
    await t.obs.flush();
    const [call] = await t.obs.storage.getLlmCalls({ limit: 1 });
    expect(call.finishReason).toBe('completed');
    expect(call.reasoningTokens).toBeGreaterThan(0);
  });
});
