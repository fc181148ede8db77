import Anthropic from '@anthropic-ai/sdk';
import type { LLMCall, Observatory } from '@observatory/core';
import { createFakeFetch, type ExpectedCall, type FakeReply } from '@observatory/core/test';
import { recordAnthropicError } from '../record-anthropic-error.js';
import { type RecordAnthropicOptions, recordAnthropicMessage } from '../record-anthropic-message.js';
import { readFixture, readJsonFixture } from './read-fixture.js';

/**
 * Every shape the adapter accepts, produced by the real `@anthropic-ai/sdk` client from a
 * fixture served by a fake `fetch`, with the row it must produce. Shared by the store tests
 * and `bench/sdk-accuracy-table.ts`, so the accuracy table checks exactly what the tests check.
 */
export interface AnthropicCase {
  name: string;
  /** The SDK call that produced the result. */
  source: string;
  /** Drive the real client; returns what the SDK returned (or threw) and how to record it. */
  run(): Promise<CaseOutcome>;
  expected: ExpectedCall;
}

/** What a case's SDK call gave, and the options to record it with. */
export interface CaseOutcome {
  /** 'error' when the SDK threw: record with recordAnthropicError. */
  kind: 'message' | 'error';
  value: unknown;
  options: RecordAnthropicOptions;
}

/** US dollars per million tokens below 200K input (Anthropic's price list; checked against @pydantic/genai-prices 0.1.8). */
const CLAUDE_SONNET_4_5 = { input: 3, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6, output: 15 };
/** Above 200K input tokens the whole request is billed at the long-context rates. */
const CLAUDE_SONNET_4_5_LONG = { input: 6, output: 22.5 };

/** A real client whose every request is answered by `reply`; no retries, so errors surface at once. */
export function fakeAnthropicClient(reply: Parameters<typeof createFakeFetch>[0]) {
  const fake = createFakeFetch(reply);
  const client = new Anthropic({ apiKey: 'test-not-a-real-key', fetch: fake.fetch, maxRetries: 0 });
  return { client, requests: fake.requests };
}

const request = {
  model: 'claude-sonnet-4-5',
  max_tokens: 2048,
  system: [{ type: 'text' as const, text: 'You review contracts.', cache_control: { type: 'ephemeral' as const } }],
  messages: [{ role: 'user' as const, content: 'Do sections 4.2 and 7.1 conflict?' }],
};

const overloaded: FakeReply = {
  status: 529,
  json: readJsonFixture('error-529-overloaded.json'),
  headers: { 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' },
};

/** The cases, in the order of the accuracy table. */
export const anthropicCases: AnthropicCase[] = [
  {
    name: 'claude-sonnet-4-5, cache read + write',
    source: 'messages.create',
    async run() {
      const { client } = fakeAnthropicClient({
        json: readJsonFixture('message-claude-sonnet-4-5-cache.json'),
        headers: { 'request-id': 'req_011CSHmsg1' },
      });
      const value = await client.messages.create(request);
      return { kind: 'message', value, options: { request } };
    },
    expected: {
      modelName: 'claude-sonnet-4-5-20250929',
      // input_tokens (24) excludes the cache: the total input is 24 + 12000 read + 1800 written.
      promptTokens: 24 + 12000 + 1800,
      completionTokens: 410,
      totalTokens: 24 + 12000 + 1800 + 410,
      cachedPromptTokens: 12000,
      cacheWriteTokens: 1800,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'end_turn',
      responseText: 'Section 4.2 caps liability at fees paid in the prior 12 months; 7.1 conflicts with it.',
      error: null,
      totalCost:
        (24 * CLAUDE_SONNET_4_5.input +
          12000 * CLAUDE_SONNET_4_5.cacheRead +
          1800 * CLAUDE_SONNET_4_5.cacheWrite5m +
          410 * CLAUDE_SONNET_4_5.output) /
        1e6,
    },
  },
  {
    name: 'claude-sonnet-4-5 stream, thinking + cache read + write',
    source: 'messages.stream().finalMessage()',
    async run() {
      const { client } = fakeAnthropicClient({ sse: readFixture('message-stream-thinking.sse') });
      const streamRequest = {
        ...request,
        max_tokens: 4096,
        thinking: { type: 'enabled' as const, budget_tokens: 2048 },
      };
      const startTime = Date.now();
      let ttftMs: number | undefined;
      const stream = client.messages.stream(streamRequest);
      stream.on('text', () => {
        ttftMs ??= Date.now() - startTime;
      });
      const value = await stream.finalMessage();
      return { kind: 'message', value, options: { request: streamRequest, startTime, ttftMs } };
    },
    expected: {
      modelName: 'claude-sonnet-4-5-20250929',
      promptTokens: 30 + 8000 + 600,
      completionTokens: 1450,
      totalTokens: 30 + 8000 + 600 + 1450,
      cachedPromptTokens: 8000,
      cacheWriteTokens: 600,
      reasoningTokens: 1100,
      usageSource: 'reported',
      finishReason: 'end_turn',
      responseText: 'Shard by tenant id, and split the ten largest tenants by hash.',
      error: null,
      // output_tokens (1450) already includes the 1100 thinking tokens, billed at the output price.
      totalCost:
        (30 * CLAUDE_SONNET_4_5.input +
          8000 * CLAUDE_SONNET_4_5.cacheRead +
          600 * CLAUDE_SONNET_4_5.cacheWrite5m +
          1450 * CLAUDE_SONNET_4_5.output) /
        1e6,
    },
  },
  {
    name: 'claude-sonnet-4-5, tool use, no cache',
    source: 'messages.create',
    async run() {
      const { client } = fakeAnthropicClient({ json: readJsonFixture('message-tool-use.json') });
      const toolRequest = {
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        tools: [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }],
        messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
      };
      const value = await client.messages.create(toolRequest);
      return { kind: 'message', value, options: { request: toolRequest } };
    },
    expected: {
      modelName: 'claude-sonnet-4-5-20250929',
      promptTokens: 350,
      completionTokens: 120,
      totalTokens: 470,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'tool_use',
      responseText: `I'll check the current weather in Paris.\n[tool_use get_weather({"city":"Paris","unit":"celsius"})]`,
      error: null,
      totalCost: (350 * CLAUDE_SONNET_4_5.input + 120 * CLAUDE_SONNET_4_5.output) / 1e6,
    },
  },
  {
    name: 'claude-sonnet-4-5, 1-hour + 5-minute cache writes',
    source: 'messages.create',
    async run() {
      const { client } = fakeAnthropicClient({ json: readJsonFixture('message-cache-write-1h.json') });
      const hourRequest = {
        ...request,
        system: [
          {
            type: 'text' as const,
            text: 'You review contracts.',
            cache_control: { type: 'ephemeral' as const, ttl: '1h' as const },
          },
        ],
      };
      const value = await client.messages.create(hourRequest);
      return { kind: 'message', value, options: { request: hourRequest } };
    },
    expected: {
      modelName: 'claude-sonnet-4-5-20250929',
      // cache_creation_input_tokens (9000) holds both lifetimes; cache_creation splits them 2500 / 6500.
      promptTokens: 40 + 9000,
      completionTokens: 220,
      totalTokens: 40 + 9000 + 220,
      cachedPromptTokens: 0,
      cacheWriteTokens: 9000,
      cacheWrite1hTokens: 6500,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'end_turn',
      responseText: 'Clause 9 survives termination; clause 12 does not.',
      error: null,
      totalCost:
        (40 * CLAUDE_SONNET_4_5.input +
          2500 * CLAUDE_SONNET_4_5.cacheWrite5m +
          6500 * CLAUDE_SONNET_4_5.cacheWrite1h +
          220 * CLAUDE_SONNET_4_5.output) /
        1e6,
    },
  },
  {
    name: 'claude-sonnet-4-5, 245K input (long-context rates)',
    source: 'messages.create',
    async run() {
      const { client } = fakeAnthropicClient({ json: readJsonFixture('message-long-context.json') });
      const value = await client.messages.create(request);
      return { kind: 'message', value, options: { request } };
    },
    expected: {
      modelName: 'claude-sonnet-4-5-20250929',
      promptTokens: 245000,
      completionTokens: 900,
      totalTokens: 245900,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'end_turn',
      responseText: 'The three filings disagree on the 2024 revenue figure.',
      error: null,
      // Over 200K input, input and output are both billed at the long-context rates.
      totalCost: (245000 * CLAUDE_SONNET_4_5_LONG.input + 900 * CLAUDE_SONNET_4_5_LONG.output) / 1e6,
    },
  },
  {
    name: 'claude-sonnet-4-5, 529 overloaded',
    source: 'messages.create throws OverloadedError',
    async run() {
      const { client } = fakeAnthropicClient(overloaded);
      try {
        await client.messages.create(request);
      } catch (error) {
        return { kind: 'error', value: error, options: { request } };
      }
      throw new Error('the fake 529 did not make the client throw');
    },
    expected: {
      modelName: 'claude-sonnet-4-5',
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'missing',
      finishReason: null,
      responseText: null,
      error: '529 overloaded_error: Overloaded',
      totalCost: 0,
    },
  },
];

/** Record an outcome the way a user would: a message with recordAnthropicMessage, a thrown error with recordAnthropicError. */
export function recordOutcome(obs: Observatory, outcome: CaseOutcome): LLMCall | undefined {
  return outcome.kind === 'error'
    ? recordAnthropicError(obs, outcome.value, outcome.options)
    : recordAnthropicMessage(obs, outcome.value, outcome.options);
}
