import type { LLMCall, Observatory } from '@observatory/core';
import { createFakeFetch, type ExpectedCall, type FakeReply } from '@observatory/core/test';
import OpenAI from 'openai';
import { recordOpenAIError } from '../record-openai-error.js';
import { type RecordOpenAIOptions, recordOpenAIResponse } from '../record-openai-response.js';
import { readFixture, readJsonFixture } from './read-fixture.js';

/**
 * Every shape the adapter accepts, produced by the real `openai` client from a fixture
 * served by a fake `fetch`, with the row it must produce. Shared by the store tests and
 * `bench/sdk-accuracy-table.ts`, so the accuracy table checks exactly what the tests check.
 */
export interface OpenAICase {
  name: string;
  /** The SDK call that produced the result. */
  source: string;
  /** Drive the real client; returns what the SDK returned (or threw) and how to record it. */
  run(): Promise<CaseOutcome>;
  expected: ExpectedCall;
}

/** What a case's SDK call gave, and the options to record it with. */
export interface CaseOutcome {
  /** 'error' when the SDK threw: record with recordOpenAIError. */
  kind: 'response' | 'error';
  value: unknown;
  options: RecordOpenAIOptions;
}

/** US dollars per million tokens (OpenAI's price list; checked against @pydantic/genai-prices 0.1.8). */
const GPT_4O = { input: 2.5, cacheRead: 1.25, output: 10 };
const GPT_4O_MINI = { input: 0.15, cacheRead: 0.075, output: 0.6 };
const O3_MINI = { input: 1.1, cacheRead: 0.55, output: 4.4 };
const TEXT_EMBEDDING_3_SMALL = { input: 0.02 };
/**
 * gpt-5.6-luna as priced since OpenAI's 80% cut of 2026-07-30: cache writes at 1.25× input;
 * from 272K input tokens the whole request at the long-context rates.
 */
const GPT_5_6_LUNA = { input: 0.2, cacheRead: 0.02, cacheWrite: 0.25, output: 1.2 };
const GPT_5_6_LUNA_LONG = { input: 0.4, output: 1.8 };

/** A real client whose every request is answered by `reply`; no retries, so errors surface at once. */
export function fakeOpenAIClient(reply: FakeReply | Parameters<typeof createFakeFetch>[0]) {
  const fake = createFakeFetch(reply);
  const client = new OpenAI({ apiKey: 'sk-test-not-a-real-key', fetch: fake.fetch, maxRetries: 0 });
  return { client, requests: fake.requests };
}

const chatRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system' as const, content: 'You review diffs.' },
    { role: 'user' as const, content: 'Review: - fetchUser() + loadUser()' },
  ],
};

/** The cases, in the order of the accuracy table. */
export const openAICases: OpenAICase[] = [
  {
    name: 'gpt-4o, cache read',
    source: 'chat.completions.create',
    async run() {
      const { client } = fakeOpenAIClient({
        json: readJsonFixture('chat-completion-gpt-4o-cached.json'),
        headers: { 'x-request-id': 'req_chat_1' },
      });
      const value = await client.chat.completions.create(chatRequest);
      return { kind: 'response', value, options: { request: chatRequest } };
    },
    expected: {
      modelName: 'gpt-4o-2024-08-06',
      promptTokens: 2006,
      completionTokens: 300,
      totalTokens: 2306,
      cachedPromptTokens: 1920,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'stop',
      responseText: 'The diff renames `fetchUser` but two call sites in `billing.ts` still use the old name.',
      error: null,
      // prompt_tokens already includes the 1920 cached tokens: 86 are billed at the full input price.
      totalCost: ((2006 - 1920) * GPT_4O.input + 1920 * GPT_4O.cacheRead + 300 * GPT_4O.output) / 1e6,
    },
  },
  {
    name: 'gpt-4o-mini stream, include_usage',
    source: 'chat.completions.create({ stream: true }) final chunk',
    async run() {
      const { client } = fakeOpenAIClient({ sse: readFixture('chat-completion-stream-gpt-4o-mini.sse') });
      const request = { ...chatRequest, model: 'gpt-4o-mini' };
      const startTime = performance.now();
      const stream = await client.chat.completions.create({
        ...request,
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let finishReason: string | undefined;
      let ttftMs: number | undefined;
      let usageChunk: unknown;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          ttftMs ??= performance.now() - startTime;
          text += delta;
        }
        finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
        if (chunk.usage) usageChunk = chunk;
      }
      return {
        kind: 'response',
        value: usageChunk,
        options: { request, startTime, ttftMs, responseText: text, finishReason },
      };
    },
    expected: {
      modelName: 'gpt-4o-mini-2024-07-18',
      promptTokens: 1180,
      completionTokens: 42,
      totalTokens: 1222,
      cachedPromptTokens: 1024,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'stop',
      responseText: 'Paris is the capital of France.',
      error: null,
      totalCost: ((1180 - 1024) * GPT_4O_MINI.input + 1024 * GPT_4O_MINI.cacheRead + 42 * GPT_4O_MINI.output) / 1e6,
    },
  },
  {
    name: 'gpt-4o-mini stream helper, include_usage',
    source: 'chat.completions.stream().finalChatCompletion()',
    async run() {
      const { client } = fakeOpenAIClient({ sse: readFixture('chat-completion-stream-gpt-4o-mini.sse') });
      const request = { ...chatRequest, model: 'gpt-4o-mini', stream_options: { include_usage: true } };
      const value = await client.chat.completions.stream(request).finalChatCompletion();
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'gpt-4o-mini-2024-07-18',
      promptTokens: 1180,
      completionTokens: 42,
      totalTokens: 1222,
      cachedPromptTokens: 1024,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'stop',
      responseText: 'Paris is the capital of France.',
      error: null,
      totalCost: ((1180 - 1024) * GPT_4O_MINI.input + 1024 * GPT_4O_MINI.cacheRead + 42 * GPT_4O_MINI.output) / 1e6,
    },
  },
  {
    name: 'o3-mini, reasoning + cache read',
    source: 'chat.completions.create',
    async run() {
      const { client } = fakeOpenAIClient({ json: readJsonFixture('chat-completion-o3-mini-reasoning.json') });
      const request = { ...chatRequest, model: 'o3-mini', reasoning_effort: 'medium' as const };
      const value = await client.chat.completions.create(request);
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'o3-mini-2025-01-31',
      promptTokens: 1500,
      completionTokens: 1800,
      totalTokens: 3300,
      cachedPromptTokens: 1280,
      cacheWriteTokens: 0,
      reasoningTokens: 1536,
      usageSource: 'reported',
      finishReason: 'stop',
      responseText: 'Use a min-heap keyed by deadline; pop until the top is in the future.',
      error: null,
      // completion_tokens already includes the 1536 reasoning tokens, billed at the output price.
      totalCost: ((1500 - 1280) * O3_MINI.input + 1280 * O3_MINI.cacheRead + 1800 * O3_MINI.output) / 1e6,
    },
  },
  {
    name: 'gpt-4o Response, cache read + write',
    source: 'responses.create',
    async run() {
      const { client } = fakeOpenAIClient({ json: readJsonFixture('response-gpt-4o-cached.json') });
      const request = {
        model: 'gpt-4o',
        instructions: 'You are a release-notes writer.',
        input: 'Summarise: retry budgets, drop Node 18.',
      };
      const value = await client.responses.create(request);
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'gpt-4o-2024-08-06',
      promptTokens: 3000,
      completionTokens: 250,
      totalTokens: 3250,
      cachedPromptTokens: 2048,
      cacheWriteTokens: 512,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'completed',
      responseText: 'v2.4 adds retry budgets and drops Node 18.',
      error: null,
      // input_tokens includes both cache parts; gpt-4o has no cache-write price, so writes bill as input.
      totalCost:
        ((3000 - 2048 - 512) * GPT_4O.input + 2048 * GPT_4O.cacheRead + 512 * GPT_4O.input + 250 * GPT_4O.output) / 1e6,
    },
  },
  {
    name: 'o3-mini Response stream, reasoning',
    source: 'responses.create({ stream: true }) response.completed',
    async run() {
      const { client } = fakeOpenAIClient({ sse: readFixture('response-stream-o3-mini-reasoning.sse') });
      const request = { model: 'o3-mini', input: 'Why does the lease invariant fail?' };
      const stream = await client.responses.create({ ...request, stream: true });
      let completed: unknown;
      for await (const event of stream) {
        if (event.type === 'response.completed') completed = event;
      }
      return { kind: 'response', value: completed, options: { request } };
    },
    expected: {
      modelName: 'o3-mini-2025-01-31',
      promptTokens: 900,
      completionTokens: 2100,
      totalTokens: 3000,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 1792,
      usageSource: 'reported',
      finishReason: 'completed',
      responseText: 'The invariant fails when two writers share a lease.',
      error: null,
      totalCost: (900 * O3_MINI.input + 2100 * O3_MINI.output) / 1e6,
    },
  },
  {
    name: 'o3-mini Response stream helper, reasoning',
    source: 'responses.stream().finalResponse()',
    async run() {
      const { client } = fakeOpenAIClient({ sse: readFixture('response-stream-o3-mini-reasoning.sse') });
      const request = { model: 'o3-mini', input: 'Why does the lease invariant fail?' };
      const value = await client.responses.stream(request).finalResponse();
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'o3-mini-2025-01-31',
      promptTokens: 900,
      completionTokens: 2100,
      totalTokens: 3000,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 1792,
      usageSource: 'reported',
      finishReason: 'completed',
      responseText: 'The invariant fails when two writers share a lease.',
      error: null,
      totalCost: (900 * O3_MINI.input + 2100 * O3_MINI.output) / 1e6,
    },
  },
  {
    name: 'text-embedding-3-small, 2 inputs',
    source: 'embeddings.create',
    async run() {
      const { client } = fakeOpenAIClient({ json: readJsonFixture('embeddings-text-embedding-3-small.json') });
      const request = { model: 'text-embedding-3-small', input: ['retry budgets', 'lease invariant'] };
      const value = await client.embeddings.create(request);
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'text-embedding-3-small',
      promptTokens: 38,
      completionTokens: 0,
      totalTokens: 38,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: null,
      responseText: null,
      error: null,
      totalCost: (38 * TEXT_EMBEDDING_3_SMALL.input) / 1e6,
    },
  },
  {
    name: 'gpt-5.6-luna, reasoning + cache read + write',
    source: 'chat.completions.create',
    async run() {
      const { client } = fakeOpenAIClient({ json: readJsonFixture('chat-completion-gpt-5.6-luna-cache-write.json') });
      const request = { ...chatRequest, model: 'gpt-5.6-luna', prompt_cache_key: 'diff-review' };
      const value = await client.chat.completions.create(request);
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'gpt-5.6-luna-2026-05-14',
      promptTokens: 12000,
      completionTokens: 800,
      totalTokens: 12800,
      cachedPromptTokens: 6000,
      cacheWriteTokens: 4000,
      reasoningTokens: 320,
      usageSource: 'reported',
      finishReason: 'stop',
      responseText: 'Two call sites still pass the old flag; the rest of the diff is safe.',
      error: null,
      // prompt_tokens holds both cache parts: 2000 uncached, 6000 read, 4000 written (at 1.25× input).
      totalCost:
        (2000 * GPT_5_6_LUNA.input +
          6000 * GPT_5_6_LUNA.cacheRead +
          4000 * GPT_5_6_LUNA.cacheWrite +
          800 * GPT_5_6_LUNA.output) /
        1e6,
    },
  },
  {
    name: 'gpt-5.6-luna, 300K input (long-context rates)',
    source: 'chat.completions.create',
    async run() {
      const { client } = fakeOpenAIClient({
        json: readJsonFixture('chat-completion-gpt-5.6-luna-long-context.json'),
      });
      const request = { ...chatRequest, model: 'gpt-5.6-luna' };
      const value = await client.chat.completions.create(request);
      return { kind: 'response', value, options: { request } };
    },
    expected: {
      modelName: 'gpt-5.6-luna-2026-05-14',
      promptTokens: 300000,
      completionTokens: 1000,
      totalTokens: 301000,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'reported',
      finishReason: 'stop',
      responseText: 'The monorepo has three copies of the retry helper; keep the one in core.',
      error: null,
      // From 272K input tokens, input and output are both billed at the long-context rates.
      totalCost: (300000 * GPT_5_6_LUNA_LONG.input + 1000 * GPT_5_6_LUNA_LONG.output) / 1e6,
    },
  },
  {
    name: 'gpt-4o, 429 rate limit',
    source: 'chat.completions.create throws RateLimitError',
    async run() {
      const { client } = fakeOpenAIClient({
        status: 429,
        json: readJsonFixture('error-429-rate-limit.json'),
        headers: { 'x-request-id': 'req_rate_limited_1' },
      });
      try {
        await client.chat.completions.create(chatRequest);
      } catch (error) {
        return { kind: 'error', value: error, options: { request: chatRequest } };
      }
      throw new Error('the fake 429 did not make the client throw');
    },
    expected: {
      modelName: 'gpt-4o',
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      cachedPromptTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageSource: 'missing',
      finishReason: null,
      responseText: null,
      error:
        '429 rate_limit_exceeded: Rate limit reached for gpt-4o in organization org-9pXwQ2sLk4Ty on tokens per min (TPM): Limit 30000, Used 29812, Requested 1200. Please try again in 2.024s. Visit https://platform.openai.com/account/rate-limits to learn more.',
      totalCost: 0,
    },
  },
];

/** Record an outcome the way a user would: the result with recordOpenAIResponse, a thrown error with recordOpenAIError. */
export function recordOutcome(obs: Observatory, outcome: CaseOutcome): LLMCall | undefined {
  return outcome.kind === 'error'
    ? recordOpenAIError(obs, outcome.value, outcome.options)
    : recordOpenAIResponse(obs, outcome.value, outcome.options);
}
