import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  chooseAnthropicClient,
  chooseChatModel,
  chooseLanguageModel,
  chooseOpenAIClient,
  describeProviders,
  isLive,
} from './choose-model.js';
import { SimulatedProvider } from './simulated-provider.js';

const openaiSimulator = new SimulatedProvider({ vendor: 'openai', responder: () => 'simulated answer' });
const anthropicSimulator = new SimulatedProvider({ vendor: 'anthropic', responder: () => 'simulated answer' });

describe('choose-model', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('simulates every vendor when no API key is set', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect([isLive('openai'), isLive('anthropic'), describeProviders()]).toEqual([
      false,
      false,
      'offline (simulated providers)',
    ]);
    const chat = await chooseChatModel({ model: 'gpt-4o-mini', simulator: openaiSimulator });
    expect(chat.constructor.name).toBe('SimulatedChatModel');
    expect((await chat.invoke('hi')).text).toBe('simulated answer');
    const model = await chooseLanguageModel({ model: 'claude-haiku-4-5', simulator: anthropicSimulator });
    expect(model).toMatchObject({ provider: 'anthropic.messages', modelId: 'claude-haiku-4-5' });
    const openai = await chooseOpenAIClient(openaiSimulator);
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0].message.content).toBe('simulated answer');
    const anthropic = await chooseAnthropicClient(anthropicSimulator);
    const message = await anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'simulated answer' }]);
  });

  it('builds the real providers for the vendor whose key is set, unless forced offline', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-test-not-used');
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect(describeProviders()).toBe('live: openai (others simulated)');
    expect((await chooseChatModel({ model: 'gpt-4o-mini', simulator: openaiSimulator })).constructor.name).toBe(
      'ChatOpenAI',
    );
    expect(await chooseLanguageModel({ model: 'gpt-4o-mini', simulator: openaiSimulator })).toMatchObject({
      provider: 'openai.chat',
      modelId: 'gpt-4o-mini',
    });
    expect((await chooseOpenAIClient(openaiSimulator)).baseURL).toBe('https://api.openai.com/v1');
    expect((await chooseAnthropicClient(anthropicSimulator)).apiKey).toBe('sk-ant-simulated');
    const forced = await chooseChatModel({ model: 'gpt-4o-mini', simulator: openaiSimulator, offline: true });
    expect(forced.constructor.name).toBe('SimulatedChatModel');
    vi.stubEnv('OBSERVATORY_EXAMPLES_OFFLINE', '1');
    expect(isLive('openai')).toBe(false);
  });
});
