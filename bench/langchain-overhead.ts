/**
 * Overhead of the LangChain adapter per LLM event, next to the core `recordCall` it ends in.
 *
 *   npx tsx --conditions=@observatory/source bench/langchain-overhead.ts [iterations]
 *
 * One "event" is what LangChain delivers for one chat-model call: `handleChatModelStart`
 * then `handleLLMEnd`, invoked directly on the handler with the arguments a ChatOpenAI call
 * produces (real message classes, real metadata and usage shapes). The baseline is
 * `obs.recordCall` with the same call already translated. Both run against a temp SQLite
 * file with the writer active: the loop yields every few hundred events so batches are
 * written in between, as in an app. Only the synchronous handler / recordCall time is
 * measured. The two are measured in alternating rounds so drift hits both alike.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Serialized } from '@langchain/core/load/serializable';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { Observatory, type RecordCallInput } from '@observatory/core';
import { ObservatoryCallbackHandler } from '@observatory/langchain';

const iterations = Number(process.argv[2] ?? 20_000);
const rounds = 5;
const yieldEvery = 500;

const dir = mkdtempSync(join(tmpdir(), 'observatory-bench-langchain-'));
const obs = new Observatory({
  projectName: 'bench-langchain',
  databaseUrl: join(dir, 'observatory.db'),
  flushOnExit: false,
  onError: (error) => {
    throw error;
  },
});
const adapterErrors: unknown[] = [];
const handler = new ObservatoryCallbackHandler(obs, {
  agentName: 'support',
  onError: (error) => adapterErrors.push(error),
});

const systemPrompt =
  'You are a support agent for an online store. Answer in two short paragraphs, cite the order number, and never promise refunds the policy does not allow.';
const question =
  'Hi, I ordered a pair of running shoes last week (order #48213) and they arrived in the wrong size. Can I exchange them for a 43 instead of a 42, and do I need to pay for return shipping?';
const answer =
  'Thanks for reaching out about order #48213. You can exchange the shoes for a size 43 free of charge: returns for a wrong size are covered by our policy.\n\nI have emailed you a prepaid return label. Once the courier scans the parcel, we ship the new pair within one business day.';

const llm: Serialized = {
  lc: 1,
  type: 'constructor',
  id: ['langchain', 'chat_models', 'openai', 'ChatOpenAI'],
  kwargs: {},
};
const extraParams = {
  options: { signal: undefined },
  invocation_params: { model: 'gpt-4o', temperature: 0.2, max_tokens: 512, stream: false, n: 1 },
  batch_size: 1,
};
const runMetadata = {
  ls_provider: 'openai',
  ls_model_name: 'gpt-4o',
  ls_model_type: 'chat',
  ls_temperature: 0.2,
  ls_max_tokens: 512,
  ls_integration: 'langchain_chat_model',
  versions: { '@langchain/core': '1.4.0' },
  userId: 'u-1042',
};
const tags = ['support', 'exchange'];
const messages = [[new SystemMessage(systemPrompt), new HumanMessage(question)]];

function llmResult(withUsage: boolean) {
  return {
    generations: [
      [
        {
          text: answer,
          generationInfo: { finish_reason: 'stop', logprobs: null },
          message: new AIMessage({
            content: answer,
            response_metadata: {
              finish_reason: 'stop',
              model_provider: 'openai',
              model_name: 'gpt-4o-2024-08-06',
              system_fingerprint: 'fp_9b4fd6a8e2',
            },
            usage_metadata: withUsage
              ? {
                  input_tokens: 1320,
                  output_tokens: 96,
                  total_tokens: 1416,
                  input_token_details: { audio: 0, cache_read: 1024 },
                  output_token_details: { audio: 0, reasoning: 0 },
                }
              : undefined,
          }),
        },
      ],
    ],
    llmOutput: withUsage ? { tokenUsage: { promptTokens: 1320, completionTokens: 96, totalTokens: 1416 } } : {},
  };
}
const withUsage = llmResult(true);
const withoutUsage = llmResult(false);
const parentRunId = randomUUID();

/** The same call, already translated: what the adapter hands to recordCall. */
function translatedCall(runId: string): RecordCallInput {
  return {
    provider: 'openai',
    modelName: 'gpt-4o',
    promptTokens: 1320,
    completionTokens: 96,
    totalTokens: 1416,
    cachedPromptTokens: 1024,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageSource: 'reported',
    latencyMs: 812.4,
    agentName: 'support',
    prompt: `System: ${systemPrompt}\nHuman: ${question}`,
    responseText: answer,
    finishReason: 'stop',
    parentId: parentRunId,
    metadata: { ls_temperature: 0.2, ls_max_tokens: 512, userId: 'u-1042', tags, runId },
    timestamp: new Date(),
  };
}

type Case = (runId: string) => void;
const cases: Record<string, Case> = {
  'core recordCall': (runId) => {
    obs.recordCall(translatedCall(runId));
  },
  'adapter, reported usage': (runId) => {
    handler.handleChatModelStart(llm, messages, runId, parentRunId, extraParams, tags, runMetadata);
    handler.handleLLMEnd(withUsage as never, runId, parentRunId, tags);
  },
  'adapter, no usage (tokenizer estimate)': (runId) => {
    handler.handleChatModelStart(llm, messages, runId, parentRunId, extraParams, tags, runMetadata);
    handler.handleLLMEnd(withoutUsage as never, runId, parentRunId, tags);
  },
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));

async function measure(name: string, count: number, keep: boolean): Promise<void> {
  const run = cases[name];
  const runIds = Array.from({ length: count }, () => randomUUID());
  const out = samples[name];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run(runIds[i]);
    const elapsed = Number(process.hrtime.bigint() - start) / 1000;
    if (keep) out.push(elapsed);
    if (i % yieldEvery === yieldEvery - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await obs.flush();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// Warm up: JIT, the price card, the SQLite schema, the tokenizer (built once, ~0.5 s).
for (const name of Object.keys(cases)) await measure(name, 2_000, false);

const perRound = Math.ceil(iterations / rounds);
for (let round = 0; round < rounds; round++) {
  for (const name of Object.keys(cases)) await measure(name, perRound, true);
}
await obs.close();

const rows = Object.entries(samples).map(([name, values]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return { name, n: values.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
});
const baseline = rows.find((r) => r.name === 'core recordCall')!;

console.log(`LangChain adapter overhead per LLM event (handleChatModelStart + handleLLMEnd), SQLite writer active`);
console.log(`node ${process.version}, ${iterations} events per case in ${rounds} alternating rounds\n`);
console.log('| case | events | p50 µs | p99 µs | mean µs | p50 vs recordCall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.n} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.mean.toFixed(1)} | ${(row.p50 / baseline.p50).toFixed(2)}× |`,
  );
}
const written = obs.stats().written;
console.log(`\n${written} calls written to ${join(dir, 'observatory.db')}; adapter errors: ${adapterErrors.length}`);
rmSync(dir, { recursive: true, force: true });
if (adapterErrors.length > 0) process.exitCode = 1;
