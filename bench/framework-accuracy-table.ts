// Token-and-cost accuracy of @observatory/langchain, @observatory/langgraph and
// @observatory/ai-sdk: every case drives the real framework (LangChain, a LangGraph
// StateGraph, ai@5/6/7 generateText/streamText) offline with its own fake or mock model,
// records through the adapter into a temp SQLite store, reads the rows back, and compares
// them with the expected tokens and dollars, written out below from per-million prices.
// Writes each adapter's ACCURACY.md; exits non-zero on any mismatch.
// Run: npx tsx --conditions=@observatory/source bench/framework-accuracy-table.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { observatoryOnFinish, recordGenerateResult } from '@observatory/ai-sdk';
import {
  type AiSdkVersion,
  aiSdkVersions,
  fromAnthropicMessage,
  fromOpenAIChat,
  generatingModel,
  loadFixture,
  type ProviderTurn,
  type Spec,
  streamingModel,
} from '@observatory/ai-sdk/test';
import { type LLMCall, Observatory } from '@observatory/core';
import { ObservatoryCallbackHandler } from '@observatory/langchain';
import { FakeUsageChatModel } from '@observatory/langchain/test';
import { ObservatoryGraphHandler } from '@observatory/langgraph';
import { getEncoding } from 'js-tiktoken';
import { tempDir } from './bench-utils.js';

const COMMAND = 'npx tsx --conditions=@observatory/source bench/framework-accuracy-table.ts';

/** US dollars per million tokens; checked against `calcPrice` of @pydantic/genai-prices. */
const GPT_4O = { input: 2.5, cacheRead: 1.25, output: 10 };
const GPT_4O_MINI = { input: 0.15, cacheRead: 0.075, output: 0.6 };
const O4_MINI = { input: 1.1, cacheRead: 0.275, output: 4.4 };
const SONNET_4_5 = { input: 3, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15 };

/** The columns each case checks, as read back from the store. */
interface Checked {
  provider: string;
  modelName: string;
  agentName: string | null;
  promptTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  usageSource: string;
  finishReason: string | null;
  responseText: string | null;
  error: string | null;
  /** US dollars. */
  totalCost: number;
}

interface Case {
  /** The framework call that produced the rows. */
  source: string;
  name: string;
  run: () => Promise<void>;
  /** One entry per row the case must store, in timestamp order. */
  expected: Checked[];
}

interface Row {
  source: string;
  name: string;
  recorded: Checked | undefined;
  expected: Checked | undefined;
}

// ---------------------------------------------------------------------------------------
// Store: one observatory; each case's rows are the ones that appeared while it ran.

const errors: unknown[] = [];
const obs = new Observatory({
  projectName: 'framework-accuracy',
  databaseUrl: join(tempDir('framework-accuracy'), 'accuracy.db'),
  flushOnExit: false,
  onError: (error) => errors.push(error),
});
const seen = new Set<string>();

async function newRows(): Promise<LLMCall[]> {
  await awaitAllCallbacks();
  await obs.flush();
  const calls = await obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc', limit: 10_000 });
  const fresh = calls.filter((call) => !seen.has(call.id));
  for (const call of fresh) seen.add(call.id);
  return fresh;
}

function checked(call: LLMCall | Checked): Checked {
  return {
    provider: call.provider,
    modelName: call.modelName,
    agentName: call.agentName ?? null,
    promptTokens: call.promptTokens,
    cachedPromptTokens: call.cachedPromptTokens,
    cacheWriteTokens: call.cacheWriteTokens,
    cacheWrite1hTokens: call.cacheWrite1hTokens,
    completionTokens: call.completionTokens,
    reasoningTokens: call.reasoningTokens,
    totalTokens: call.totalTokens,
    usageSource: call.usageSource,
    finishReason: call.finishReason ?? null,
    responseText: call.responseText ?? null,
    error: call.error ?? null,
    totalCost: Math.round(call.totalCost * 1e12) / 1e12,
  };
}

async function measure(cases: Case[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const testCase of cases) {
    await newRows();
    await testCase.run();
    const stored = await newRows();
    const count = Math.max(stored.length, testCase.expected.length);
    for (let i = 0; i < count; i++) {
      rows.push({
        source: testCase.source,
        name: testCase.expected.length > 1 ? `${testCase.name} (${testCase.expected[i]?.agentName})` : testCase.name,
        recorded: stored[i] && checked(stored[i]),
        expected: testCase.expected[i],
      });
    }
  }
  return rows;
}

/** The expected row: unmentioned token parts are zero, usage reported, no error. */
function expectedRow(row: Partial<Checked> & Pick<Checked, 'provider' | 'modelName' | 'promptTokens' | 'totalCost'>) {
  const base = {
    agentName: null,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    usageSource: 'reported',
    finishReason: null,
    responseText: null,
    error: null,
  };
  const full = { ...base, ...row };
  return checked({ totalTokens: full.promptTokens + full.completionTokens, ...full });
}

// ---------------------------------------------------------------------------------------
// LangChain: FakeUsageChatModel attaches usage_metadata as partner models do. LangChain's
// input_tokens already includes cache reads and writes; output_tokens includes reasoning.

const langchainHandler = () => new ObservatoryCallbackHandler(obs, { agentName: 'langchain' });
const o200k = getEncoding('o200k_base');
const noUsageQuestion = 'What is the capital of France?';
const noUsageAnswer = 'The capital of France is Paris.';
// The adapter renders the prompt as LangChain's getBufferString does ("Human: …").
const noUsagePromptTokens = o200k.encode(`Human: ${noUsageQuestion}`).length;
const noUsageCompletionTokens = o200k.encode(noUsageAnswer).length;

const langchainCases: Case[] = [
  {
    source: 'model.invoke',
    name: 'gpt-4o, cache read',
    run: async () => {
      const model = new FakeUsageChatModel({
        responses: ['Three fixes.'],
        model: 'gpt-4o',
        lsProvider: 'openai',
        usage: {
          input_tokens: 2006,
          output_tokens: 300,
          total_tokens: 2306,
          input_token_details: { cache_read: 1920 },
        },
        responseMetadata: { model_name: 'gpt-4o-2024-08-06', finish_reason: 'stop' },
      });
      await model.invoke('What changed in 4.2?', { callbacks: [langchainHandler()] });
    },
    expected: [
      expectedRow({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        agentName: 'langchain',
        promptTokens: 2006,
        cachedPromptTokens: 1920,
        completionTokens: 300,
        finishReason: 'stop',
        responseText: 'Three fixes.',
        totalCost: ((2006 - 1920) * GPT_4O.input + 1920 * GPT_4O.cacheRead + 300 * GPT_4O.output) / 1e6,
      }),
    ],
  },
  {
    source: 'model.invoke',
    name: 'claude-sonnet-4-5, cache read + write',
    run: async () => {
      const model = new FakeUsageChatModel({
        responses: ['Summary.'],
        lsProvider: 'anthropic',
        lsModelName: 'claude-sonnet-4-5',
        // @langchain/anthropic sums input + cache reads + cache writes into input_tokens.
        usage: {
          input_tokens: 100 + 2000 + 1000,
          output_tokens: 250,
          total_tokens: 3350,
          input_token_details: { cache_read: 2000, cache_creation: 1000 },
        },
        responseMetadata: { model_name: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn' },
      });
      await model.invoke('Summarise the contract.', { callbacks: [langchainHandler()] });
    },
    expected: [
      expectedRow({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        agentName: 'langchain',
        promptTokens: 3100,
        cachedPromptTokens: 2000,
        cacheWriteTokens: 1000,
        completionTokens: 250,
        finishReason: 'end_turn',
        responseText: 'Summary.',
        totalCost:
          (100 * SONNET_4_5.input +
            2000 * SONNET_4_5.cacheRead +
            1000 * SONNET_4_5.cacheWrite +
            250 * SONNET_4_5.output) /
          1e6,
      }),
    ],
  },
  {
    source: 'model.invoke',
    name: 'claude-sonnet-4-5, 1-hour + 5-minute cache writes',
    run: async () => {
      const model = new FakeUsageChatModel({
        responses: ['Clause 9 survives.'],
        lsProvider: 'anthropic',
        lsModelName: 'claude-sonnet-4-5',
        usage: {
          input_tokens: 40 + 9000,
          output_tokens: 120,
          total_tokens: 9160,
          input_token_details: { cache_read: 0, cache_creation: 9000 },
        },
        // ChatAnthropic keeps Anthropic's raw usage here; only it splits the writes by lifetime.
        responseMetadata: {
          model_name: 'claude-sonnet-4-5-20250929',
          stop_reason: 'end_turn',
          usage: {
            input_tokens: 40,
            cache_creation_input_tokens: 9000,
            cache_read_input_tokens: 0,
            cache_creation: { ephemeral_5m_input_tokens: 2500, ephemeral_1h_input_tokens: 6500 },
            output_tokens: 120,
          },
        },
      });
      await model.invoke('Which clauses survive termination?', { callbacks: [langchainHandler()] });
    },
    expected: [
      expectedRow({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        agentName: 'langchain',
        promptTokens: 9040,
        cacheWriteTokens: 9000,
        cacheWrite1hTokens: 6500,
        completionTokens: 120,
        finishReason: 'end_turn',
        responseText: 'Clause 9 survives.',
        totalCost:
          (40 * SONNET_4_5.input +
            2500 * SONNET_4_5.cacheWrite +
            6500 * SONNET_4_5.cacheWrite1h +
            120 * SONNET_4_5.output) /
          1e6,
      }),
    ],
  },
  {
    source: 'model.invoke',
    name: 'o4-mini, reasoning + cache read',
    run: async () => {
      const model = new FakeUsageChatModel({
        responses: ['17 is prime.'],
        model: 'o4-mini',
        lsProvider: 'openai',
        usage: {
          input_tokens: 1200,
          output_tokens: 512,
          total_tokens: 1712,
          input_token_details: { cache_read: 1024 },
          output_token_details: { reasoning: 448 },
        },
        responseMetadata: { model_name: 'o4-mini-2025-04-16', finish_reason: 'stop' },
      });
      await model.invoke('Is 17 prime?', { callbacks: [langchainHandler()] });
    },
    expected: [
      expectedRow({
        provider: 'openai',
        modelName: 'o4-mini-2025-04-16',
        agentName: 'langchain',
        promptTokens: 1200,
        cachedPromptTokens: 1024,
        completionTokens: 512,
        reasoningTokens: 448,
        finishReason: 'stop',
        responseText: '17 is prime.',
        totalCost: ((1200 - 1024) * O4_MINI.input + 1024 * O4_MINI.cacheRead + 512 * O4_MINI.output) / 1e6,
      }),
    ],
  },
  {
    source: 'model.stream (usage on the last chunk)',
    name: 'gpt-4o-mini stream, cache read',
    run: async () => {
      const model = new FakeUsageChatModel({
        responses: ['Hello there!'],
        model: 'gpt-4o-mini',
        lsProvider: 'openai',
        usage: {
          input_tokens: 1180,
          output_tokens: 42,
          total_tokens: 1222,
          input_token_details: { cache_read: 1024 },
        },
        responseMetadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' },
      });
      for await (const _chunk of await model.stream('Say hello.', { callbacks: [langchainHandler()] })) {
        // drain: the call ends when the stream does
      }
    },
    expected: [
      expectedRow({
        provider: 'openai',
        modelName: 'gpt-4o-mini-2024-07-18',
        agentName: 'langchain',
        promptTokens: 1180,
        cachedPromptTokens: 1024,
        completionTokens: 42,
        finishReason: 'stop',
        responseText: 'Hello there!',
        totalCost: ((1180 - 1024) * GPT_4O_MINI.input + 1024 * GPT_4O_MINI.cacheRead + 42 * GPT_4O_MINI.output) / 1e6,
      }),
    ],
  },
  {
    source: 'model.invoke (no usage_metadata)',
    name: 'gpt-4o, no usage: o200k_base estimate',
    run: async () => {
      const model = new FakeUsageChatModel({ responses: [noUsageAnswer], model: 'gpt-4o', lsProvider: 'openai' });
      await model.invoke(noUsageQuestion, { callbacks: [langchainHandler()] });
    },
    expected: [
      expectedRow({
        provider: 'openai',
        modelName: 'gpt-4o',
        agentName: 'langchain',
        promptTokens: noUsagePromptTokens,
        completionTokens: noUsageCompletionTokens,
        usageSource: 'estimated',
        responseText: noUsageAnswer,
        totalCost: (noUsagePromptTokens * GPT_4O.input + noUsageCompletionTokens * GPT_4O.output) / 1e6,
      }),
    ],
  },
];

// ---------------------------------------------------------------------------------------
// LangGraph: a two-node StateGraph; each node calls its own model; the node is the agent.

const GraphState = Annotation.Root({ text: Annotation<string>() });
type GraphState = typeof GraphState.State;

function modelNode(model: FakeUsageChatModel) {
  return async (state: GraphState) => ({ text: state.text + String((await model.invoke(state.text)).content) });
}

const langgraphCases: Case[] = [
  {
    source: 'graph.invoke (planner → writer)',
    name: 'two nodes, gpt-4o + claude-sonnet-4-5',
    run: async () => {
      const planner = new FakeUsageChatModel({
        responses: ['[plan]'],
        model: 'gpt-4o',
        lsProvider: 'openai',
        usage: { input_tokens: 1000, output_tokens: 100, total_tokens: 1100, input_token_details: { cache_read: 200 } },
        responseMetadata: { model_name: 'gpt-4o-2024-08-06', finish_reason: 'stop' },
      });
      const writer = new FakeUsageChatModel({
        responses: ['[draft]'],
        lsProvider: 'anthropic',
        lsModelName: 'claude-sonnet-4-5',
        usage: {
          input_tokens: 300 + 1500 + 500,
          output_tokens: 400,
          total_tokens: 2700,
          input_token_details: { cache_read: 1500, cache_creation: 500 },
        },
        responseMetadata: { model_name: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn' },
      });
      const graph = new StateGraph(GraphState)
        .addNode('planner', modelNode(planner))
        .addNode('writer', modelNode(writer))
        .addEdge(START, 'planner')
        .addEdge('planner', 'writer')
        .addEdge('writer', END)
        .compile({ name: 'refund_flow' });
      await graph.invoke({ text: 'Customer asks for a refund.' }, { callbacks: [new ObservatoryGraphHandler(obs)] });
    },
    expected: [
      expectedRow({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        agentName: 'planner',
        promptTokens: 1000,
        cachedPromptTokens: 200,
        completionTokens: 100,
        finishReason: 'stop',
        responseText: '[plan]',
        totalCost: ((1000 - 200) * GPT_4O.input + 200 * GPT_4O.cacheRead + 100 * GPT_4O.output) / 1e6,
      }),
      expectedRow({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5-20250929',
        agentName: 'writer',
        promptTokens: 2300,
        cachedPromptTokens: 1500,
        cacheWriteTokens: 500,
        completionTokens: 400,
        finishReason: 'end_turn',
        responseText: '[draft]',
        totalCost:
          (300 * SONNET_4_5.input +
            1500 * SONNET_4_5.cacheRead +
            500 * SONNET_4_5.cacheWrite +
            400 * SONNET_4_5.output) /
          1e6,
      }),
    ],
  },
];

// ---------------------------------------------------------------------------------------
// AI SDK: mock models of each spec serve trimmed real provider responses mapped the way
// @ai-sdk/openai and @ai-sdk/anthropic map them (`@observatory/ai-sdk/test`).

const [v5, v6, v7] = aiSdkVersions;

/** The mock models stream with a short first-part delay: accuracy, not timing, is checked here. */
const streamed = (version: AiSdkVersion, provider: string, modelId: string, turns: ProviderTurn[]) =>
  streamingModel(version, provider, modelId, turns, { initialDelayInMs: 5, chunkDelayInMs: 0 });

function weatherTool({ ai }: AiSdkVersion) {
  return ai.tool({
    description: 'Current weather in a city',
    inputSchema: ai.jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
    execute: async ({ city }: { city: string }) => ({ city, celsius: 18, sky: 'sunny' }),
  });
}

const openAIChat = (spec: Spec, name: string) => fromOpenAIChat(spec, loadFixture(name));
const anthropicMessage = (spec: Spec, name: string) => fromAnthropicMessage(spec, loadFixture(name));
const openAIToolLoop = (spec: Spec) =>
  loadFixture<unknown[]>('openai-chat-tool-loop.json').map((c) => fromOpenAIChat(spec, c as never));
const anthropicToolLoop = (spec: Spec) =>
  loadFixture<unknown[]>('anthropic-tool-loop.json').map((m) => fromAnthropicMessage(spec, m as never));

const gpt4oText = openAIChat('v2', 'openai-chat-gpt-4o.json').text ?? null;
const o4miniText = openAIChat('v2', 'openai-chat-o4-mini.json').text ?? null;
const sonnetText = anthropicMessage('v2', 'anthropic-message-sonnet-4-5.json').text ?? null;

/** openai-chat-gpt-4o.json: 1000 input of which 200 cached, 100 output. */
const gpt4oCached = (agentName: string) =>
  expectedRow({
    provider: 'openai',
    modelName: 'gpt-4o-2024-08-06',
    agentName,
    promptTokens: 1000,
    cachedPromptTokens: 200,
    completionTokens: 100,
    finishReason: 'stop',
    responseText: gpt4oText,
    totalCost: ((1000 - 200) * GPT_4O.input + 200 * GPT_4O.cacheRead + 100 * GPT_4O.output) / 1e6,
  });

/** anthropic-message-sonnet-4-5.json: raw input_tokens 50 (no cache), 2000 read, 1000 written, 300 output of which 120 thinking. */
const sonnetCached = (agentName: string, reasoningTokens: number) =>
  expectedRow({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5-20250929',
    agentName,
    promptTokens: 50 + 2000 + 1000,
    cachedPromptTokens: 2000,
    cacheWriteTokens: 1000,
    completionTokens: 300,
    reasoningTokens,
    totalTokens: 3350,
    finishReason: 'stop',
    responseText: sonnetText,
    totalCost:
      (50 * SONNET_4_5.input + 2000 * SONNET_4_5.cacheRead + 1000 * SONNET_4_5.cacheWrite + 300 * SONNET_4_5.output) /
      1e6,
  });

/** anthropic-message-cache-1h.json: raw input_tokens 60, 5000 written (1000 for 5 minutes, 4000 for an hour), 150 output. */
const sonnetHourWrites = (agentName: string) =>
  expectedRow({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5-20250929',
    agentName,
    promptTokens: 60 + 5000,
    cacheWriteTokens: 5000,
    cacheWrite1hTokens: 4000,
    completionTokens: 150,
    finishReason: 'stop',
    responseText: anthropicMessage('v2', 'anthropic-message-cache-1h.json').text ?? null,
    totalCost:
      (60 * SONNET_4_5.input +
        1000 * SONNET_4_5.cacheWrite +
        4000 * SONNET_4_5.cacheWrite1h +
        150 * SONNET_4_5.output) /
      1e6,
  });

/** openai-chat-o4-mini.json: 1200 input of which 1024 cached, 512 output of which 448 reasoning. */
const o4miniReasoning = (agentName: string) =>
  expectedRow({
    provider: 'openai',
    modelName: 'o4-mini-2025-04-16',
    agentName,
    promptTokens: 1200,
    cachedPromptTokens: 1024,
    completionTokens: 512,
    reasoningTokens: 448,
    finishReason: 'stop',
    responseText: o4miniText,
    totalCost: ((1200 - 1024) * O4_MINI.input + 1024 * O4_MINI.cacheRead + 512 * O4_MINI.output) / 1e6,
  });

/** anthropic-tool-loop.json, two requests: (400 input, 1500 written, 80 output) + (120 input, 1500 read, 60 output). */
const sonnetToolLoop = (agentName: string) =>
  expectedRow({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5-20250929',
    agentName,
    promptTokens: 400 + 1500 + (120 + 1500),
    cachedPromptTokens: 1500,
    cacheWriteTokens: 1500,
    completionTokens: 80 + 60,
    finishReason: 'stop',
    responseText: 'Let me look up the weather.\n\nIt is 18°C and sunny in Paris.',
    totalCost:
      (400 * SONNET_4_5.input +
        1500 * SONNET_4_5.cacheWrite +
        80 * SONNET_4_5.output +
        (120 * SONNET_4_5.input + 1500 * SONNET_4_5.cacheRead + 60 * SONNET_4_5.output)) /
      1e6,
  });

const aiSdkCases: Case[] = [
  {
    source: 'ai@5 streamText + observatoryOnFinish',
    name: 'OpenAI gpt-4o, cachedInputTokens',
    run: async () => {
      const model = streamed(v5, 'openai.chat', 'gpt-4o', [openAIChat('v2', 'openai-chat-gpt-4o.json')]);
      const result = v5.ai.streamText({
        model,
        prompt: 'What changed in 4.2?',
        ...observatoryOnFinish(obs, { agentName: 'ai5', model }),
      });
      await result.consumeStream();
    },
    expected: [gpt4oCached('ai5')],
  },
  {
    source: 'ai@5 generateText + recordGenerateResult',
    name: 'Anthropic, inputTokens without cache + cacheCreationInputTokens',
    run: async () => {
      const model = generatingModel(v5, 'anthropic.messages', 'claude-sonnet-4-5', [
        anthropicMessage('v2', 'anthropic-message-sonnet-4-5.json'),
      ]);
      const startedAt = Date.now();
      const result = await v5.ai.generateText({ model, prompt: 'Summarise the contract.' });
      recordGenerateResult(obs, result, { model, startedAt, agentName: 'ai5' });
    },
    // v5's usage has no reasoning count for Anthropic (thinking tokens stay inside output).
    expected: [sonnetCached('ai5', 0)],
  },
  {
    source: 'ai@5 streamText tool loop (2 steps)',
    name: 'Anthropic, cache write then read, summed',
    run: async () => {
      const model = streamed(v5, 'anthropic.messages', 'claude-sonnet-4-5', anthropicToolLoop('v2'));
      const result = v5.ai.streamText({
        model,
        prompt: 'Weather in Paris?',
        tools: { weather: weatherTool(v5) },
        stopWhen: v5.ai.stepCountIs(3),
        ...observatoryOnFinish(obs, { agentName: 'ai5', model }),
      });
      await result.consumeStream();
    },
    expected: [sonnetToolLoop('ai5')],
  },
  {
    source: 'ai@5 generateText + recordGenerateResult',
    name: 'Anthropic, 1-hour cache writes from providerMetadata.anthropic.usage',
    run: async () => {
      const model = generatingModel(v5, 'anthropic.messages', 'claude-sonnet-4-5', [
        anthropicMessage('v2', 'anthropic-message-cache-1h.json'),
      ]);
      const startedAt = Date.now();
      const result = await v5.ai.generateText({ model, prompt: 'Does the indemnity survive?' });
      recordGenerateResult(obs, result, { model, startedAt, agentName: 'ai5' });
    },
    expected: [sonnetHourWrites('ai5')],
  },
  {
    source: 'ai@6 generateText + onFinish',
    name: 'OpenAI o4-mini, inputTokenDetails + outputTokenDetails.reasoning',
    run: async () => {
      await v6.ai.generateText({
        model: generatingModel(v6, 'openai.chat', 'o4-mini', [openAIChat('v3', 'openai-chat-o4-mini.json')]),
        prompt: 'Is 17 prime?',
        onFinish: observatoryOnFinish(obs, { agentName: 'ai6' }),
      });
    },
    expected: [o4miniReasoning('ai6')],
  },
  {
    source: 'ai@6 streamText + observatoryOnFinish',
    name: 'Anthropic, cache read + write + thinking',
    run: async () => {
      const result = v6.ai.streamText({
        model: streamed(v6, 'anthropic.messages', 'claude-sonnet-4-5', [
          anthropicMessage('v3', 'anthropic-message-sonnet-4-5.json'),
        ]),
        prompt: 'Summarise the contract.',
        ...observatoryOnFinish(obs, { agentName: 'ai6' }),
      });
      await result.consumeStream();
    },
    expected: [sonnetCached('ai6', 120)],
  },
  {
    source: 'ai@6 generateText tool loop (2 steps)',
    name: 'OpenAI gpt-4o, cache read on step 2, summed',
    run: async () => {
      await v6.ai.generateText({
        model: generatingModel(v6, 'openai.chat', 'gpt-4o', openAIToolLoop('v3')),
        prompt: 'Weather in Paris?',
        tools: { weather: weatherTool(v6) },
        stopWhen: v6.ai.stepCountIs(3),
        onFinish: observatoryOnFinish(obs, { agentName: 'ai6' }),
      });
    },
    expected: [
      expectedRow({
        provider: 'openai',
        modelName: 'gpt-4o-2024-08-06',
        agentName: 'ai6',
        promptTokens: 900 + 980,
        cachedPromptTokens: 896,
        completionTokens: 40 + 60,
        finishReason: 'stop',
        responseText: 'It is 18°C and sunny in Paris.',
        totalCost:
          (900 * GPT_4O.input +
            40 * GPT_4O.output +
            ((980 - 896) * GPT_4O.input + 896 * GPT_4O.cacheRead + 60 * GPT_4O.output)) /
          1e6,
      }),
    ],
  },
  {
    source: 'ai@7 generateText + onEnd',
    name: 'OpenAI o4-mini, inputTokenDetails + outputTokenDetails.reasoning',
    run: async () => {
      await v7.ai.generateText({
        model: generatingModel(v7, 'openai.chat', 'o4-mini', [openAIChat('v4', 'openai-chat-o4-mini.json')]),
        prompt: 'Is 17 prime?',
        onEnd: observatoryOnFinish(obs, { agentName: 'ai7' }),
      });
    },
    expected: [o4miniReasoning('ai7')],
  },
  {
    source: 'ai@7 streamText + observatoryOnFinish',
    name: 'Anthropic, cache read + write + thinking',
    run: async () => {
      const result = v7.ai.streamText({
        model: streamed(v7, 'anthropic.messages', 'claude-sonnet-4-5', [
          anthropicMessage('v4', 'anthropic-message-sonnet-4-5.json'),
        ]),
        prompt: 'Summarise the contract.',
        ...observatoryOnFinish(obs, { agentName: 'ai7' }),
      });
      await result.consumeStream();
    },
    expected: [sonnetCached('ai7', 120)],
  },
  {
    source: 'ai@7 streamText + observatoryOnFinish',
    name: 'Anthropic, 1-hour cache writes from providerMetadata.anthropic.usage',
    run: async () => {
      const result = v7.ai.streamText({
        model: streamed(v7, 'anthropic.messages', 'claude-sonnet-4-5', [
          anthropicMessage('v4', 'anthropic-message-cache-1h.json'),
        ]),
        prompt: 'Does the indemnity survive?',
        ...observatoryOnFinish(obs, { agentName: 'ai7' }),
      });
      await result.consumeStream();
    },
    expected: [sonnetHourWrites('ai7')],
  },
  {
    source: 'ai@7 streamText tool loop (2 steps)',
    name: 'Anthropic, cache write then read, summed',
    run: async () => {
      const result = v7.ai.streamText({
        model: streamed(v7, 'anthropic.messages', 'claude-sonnet-4-5', anthropicToolLoop('v4')),
        prompt: 'Weather in Paris?',
        tools: { weather: weatherTool(v7) },
        stopWhen: v7.ai.stepCountIs(3),
        ...observatoryOnFinish(obs, { agentName: 'ai7' }),
      });
      await result.consumeStream();
    },
    expected: [sonnetToolLoop('ai7')],
  },
];

const langchainRows = await measure(langchainCases);
const langgraphRows = await measure(langgraphCases);
const aiSdkRows = await measure(aiSdkCases);
await obs.close();

// ---------------------------------------------------------------------------------------
// Tables.

function tokens(columns: Checked | undefined): string {
  if (!columns) return '(no row)';
  const { promptTokens, cachedPromptTokens, cacheWriteTokens, cacheWrite1hTokens, completionTokens, reasoningTokens } =
    columns;
  const writes = cacheWrite1hTokens ? `${cacheWriteTokens} (1h ${cacheWrite1hTokens})` : cacheWriteTokens;
  return [promptTokens, cachedPromptTokens, writes, completionTokens, reasoningTokens].join(' / ');
}

function dollars(columns: Checked | undefined): string {
  return columns ? `$${columns.totalCost.toFixed(9)}` : '—';
}

function matches(row: Row): boolean {
  return row.recorded !== undefined && JSON.stringify(row.recorded) === JSON.stringify(row.expected);
}

function matchCell(row: Row): string {
  if (!row.expected) return '**NO** (unexpected row)';
  if (!matches(row)) return '**NO**';
  return row.expected.usageSource === 'estimated' ? 'yes (estimated)' : 'yes';
}

function table(title: string, how: string[], rows: Row[]): string {
  const lines = [
    `# ${title}: token and cost accuracy`,
    '',
    `Generated by \`${COMMAND}\` (do not edit by hand).`,
    ...how,
    'Each row is read back from a temporary SQLite store. Tokens are',
    '`input / cache read / cache write / output / reasoning`, where input is the total including',
    'both cache parts, "(1h n)" is the part of the cache writes made with a 1-hour lifetime, and output',
    'includes reasoning. Expected dollars are written out from',
    'per-million prices in the script (checked against `@pydantic/genai-prices`). "Match" compares',
    'every checked column (provider, model, agent, tokens, usage source, finish reason, text, error, dollars).',
    '',
    '| Call | Case | Usage | Tokens recorded | Tokens expected | $ recorded | $ expected | Match |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.source}\` | ${row.name} | ${row.recorded?.usageSource ?? '—'} | ${tokens(row.recorded)} | ${tokens(row.expected)} | ${dollars(row.recorded)} | ${dollars(row.expected)} | ${matchCell(row)} |`,
    ),
    '',
    `${rows.filter(matches).length} of ${rows.length} rows match.`,
    '',
  ];
  return lines.join('\n');
}

const langchainTable = table(
  '@observatory/langchain',
  [
    "Each case runs `@observatory/langchain/test`'s `FakeUsageChatModel` (LangChain's `FakeListChatModel`",
    'plus the `usage_metadata` partner models attach) with `ObservatoryCallbackHandler` in `callbacks`.',
    'The "no usage" case has no `usage_metadata`: its expected tokens are the o200k_base count',
    '(js-tiktoken) of the rendered prompt and of the answer, and its usage source is `estimated`.',
  ],
  langchainRows,
);
const langgraphTable = table(
  '@observatory/langgraph',
  [
    'A real two-node LangGraph `StateGraph` (planner → writer) whose nodes call `FakeUsageChatModel`,',
    'run with `ObservatoryGraphHandler` in `callbacks`: one row per node, the node name as agent.',
  ],
  langgraphRows,
);
const aiSdkTable = table(
  '@observatory/ai-sdk',
  [
    "Each case runs the real `ai` package (5.x, 6.x, 7.x) with that version's `MockLanguageModelV2/V3/V4`",
    'serving a trimmed real OpenAI or Anthropic response, mapped as `@ai-sdk/openai` / `@ai-sdk/anthropic`',
    "map it (`src/test/provider-results.ts`); v5 Anthropic's `inputTokens` excludes cache tokens.",
    'A tool loop is one row per request, usage summed over its steps.',
  ],
  aiSdkRows,
);
const root = new URL('..', import.meta.url);
writeFileSync(new URL('adapters/langchain/ACCURACY.md', root), langchainTable);
writeFileSync(new URL('adapters/langgraph/ACCURACY.md', root), langgraphTable);
writeFileSync(new URL('adapters/ai-sdk/ACCURACY.md', root), aiSdkTable);
console.log(`${langchainTable}\n${langgraphTable}\n${aiSdkTable}`);

const allRows = [...langchainRows, ...langgraphRows, ...aiSdkRows];
for (const row of allRows.filter((r) => !matches(r))) {
  console.log(
    `MISMATCH ${row.source} / ${row.name}\n  recorded ${JSON.stringify(row.recorded)}\n  expected ${JSON.stringify(row.expected)}`,
  );
}
if (errors.length > 0) console.log(`Errors reported through onError:\n${errors.map(String).join('\n')}`);
const cases = langchainCases.length + langgraphCases.length + aiSdkCases.length;
console.log(
  `framework accuracy: ${cases} cases, ${allRows.length} rows, ${allRows.filter(matches).length} match, ${errors.length} adapter errors`,
);
if (!allRows.every(matches) || errors.length > 0) process.exitCode = 1;
