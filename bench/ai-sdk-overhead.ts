/**
 * Overhead of the AI SDK adapter per finished call, next to the core `recordCall` it ends in.
 *
 *   npx tsx --conditions=@observatory/source bench/ai-sdk-overhead.ts [iterations]
 *
 * One "event" is what the user's code pays for one call: creating the hook
 * (`observatoryOnFinish(obs, opts)`, done in the call's options) and the SDK calling its
 * `onFinish` with the event object, shaped as ai@6 `generateText` / ai@5 `streamText`
 * deliver it (all the fields of a StepResult, not only the ones read). The telemetry case
 * is the v7 global hook: `onStart` then `onEnd`. The baseline is `obs.recordCall` with the
 * same call already translated. All run against a temp SQLite file with the writer active:
 * the loop yields every few hundred events so batches are written in between, as in an
 * app. Only the synchronous time is measured, in alternating rounds so drift hits all alike.
 */
import { join } from 'node:path';
import { createObservatoryTelemetry, observatoryOnFinish } from '@observatory/ai-sdk';
import { Observatory, type RecordCallInput } from '@observatory/core';
import { quantile, tempDir, yieldToLoop } from './bench-utils.js';

const iterations = Number(process.argv[2] ?? 20_000);
const rounds = 5;
const yieldEvery = 500;

const dir = tempDir('ai-sdk');
const databaseUrl = join(dir, 'observatory.db');
const adapterErrors: unknown[] = [];
const obs = new Observatory({
  projectName: 'bench-ai-sdk',
  databaseUrl,
  flushOnExit: false,
  onError: (error) => adapterErrors.push(error),
});

const question =
  'Hi, I ordered a pair of running shoes last week (order #48213) and they arrived in the wrong size. Can I exchange them for a 43 instead of a 42, and do I need to pay for return shipping?';
const answer =
  'Thanks for reaching out about order #48213. You can exchange the shoes for a size 43 free of charge: returns for a wrong size are covered by our policy.\n\nI have emailed you a prepaid return label. Once the courier scans the parcel, we ship the new pair within one business day.';
const options = { agentName: 'support', operationName: 'exchange', metadata: { userId: 'u-1042' }, prompt: question };

/** A StepResult as ai@6 builds it for an OpenAI chat call with a cached prefix. */
function v6Step() {
  return {
    stepNumber: 0,
    model: { provider: 'openai.chat', modelId: 'gpt-4o' },
    functionId: undefined,
    metadata: undefined,
    experimental_context: undefined,
    content: [{ type: 'text', text: answer }],
    text: answer,
    reasoning: [],
    reasoningText: undefined,
    files: [],
    sources: [],
    toolCalls: [],
    staticToolCalls: [],
    dynamicToolCalls: [],
    toolResults: [],
    staticToolResults: [],
    dynamicToolResults: [],
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: {
      inputTokens: 1320,
      inputTokenDetails: { noCacheTokens: 296, cacheReadTokens: 1024, cacheWriteTokens: undefined },
      outputTokens: 96,
      outputTokenDetails: { textTokens: 96, reasoningTokens: 0 },
      totalTokens: 1416,
      reasoningTokens: 0,
      cachedInputTokens: 1024,
    },
    warnings: [],
    request: { body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }) },
    response: {
      id: 'chatcmpl-BtqT1sEZ3mqGJ0DhRf1c5Tq9VxkLp',
      timestamp: new Date(),
      modelId: 'gpt-4o-2024-08-06',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_7f3a' },
      messages: [{ role: 'assistant', content: [{ type: 'text', text: answer }] }],
    },
    providerMetadata: { openai: { acceptedPredictionTokens: 0, rejectedPredictionTokens: 0 } },
  };
}
const v6Finish = (() => {
  const step = v6Step();
  return { ...step, steps: [step], totalUsage: step.usage };
})();

/** ai@5 streamText onFinish after a two-step Anthropic tool loop (cache write, then read). */
const v5ToolLoopFinish = (() => {
  const step = (input: number, read: number, write: number, output: number, text: string) => ({
    ...v6Step(),
    model: undefined,
    text,
    usage: { inputTokens: input, outputTokens: output, totalTokens: input + output, cachedInputTokens: read },
    response: { ...v6Step().response, modelId: 'claude-sonnet-4-5-20250929' },
    providerMetadata: { anthropic: { cacheCreationInputTokens: write, usage: { input_tokens: input } } },
  });
  const steps = [step(400, 0, 1500, 80, 'Let me check the order.'), step(120, 1500, 0, 60, answer)];
  return { ...steps[1], steps, totalUsage: { inputTokens: 520, outputTokens: 140, cachedInputTokens: 1500 } };
})();
const v5Options = { ...options, model: { provider: 'anthropic.messages', modelId: 'claude-sonnet-4-5' } };

/** What a free adapter would hand to recordCall for the v6 event. */
function translatedV6(): RecordCallInput {
  return {
    provider: 'openai',
    modelName: 'gpt-4o-2024-08-06',
    promptTokens: 1320,
    completionTokens: 96,
    cachedPromptTokens: 1024,
    reasoningTokens: 0,
    latencyMs: 812.4,
    timestamp: new Date(),
    finishReason: 'stop',
    agentName: 'support',
    operationName: 'exchange',
    metadata: { userId: 'u-1042' },
    prompt: question,
    responseText: answer,
  };
}

/** What a free adapter would hand to recordCall for the v5 tool loop. */
function translatedV5ToolLoop(): RecordCallInput {
  return {
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5-20250929',
    promptTokens: 400 + 1500 + 120 + 1500,
    completionTokens: 140,
    cachedPromptTokens: 1500,
    cacheWriteTokens: 1500,
    latencyMs: 2310.7,
    timestamp: new Date(),
    finishReason: 'stop',
    agentName: 'support',
    operationName: 'exchange',
    metadata: { steps: 2, userId: 'u-1042' },
    prompt: question,
    responseText: `Let me check the order.\n\n${answer}`,
  };
}

/** What a free adapter would hand to recordCall for the telemetry call. */
function translatedTelemetry(): RecordCallInput {
  return { ...translatedV6(), operationName: undefined, metadata: undefined, prompt: `user: ${question}` };
}

const telemetry = createObservatoryTelemetry(obs, { agentName: 'support' });
// Each start is ended before the next, so one call id serves every iteration and the
// events are built once, outside the measured time (the SDK builds them either way).
const telemetryStart = {
  callId: 'call-1',
  operationId: 'ai.generateText',
  provider: 'openai.chat',
  modelId: 'gpt-4o',
  messages: [{ role: 'user', content: question }],
};
const telemetryEnd = { ...v6Finish, callId: 'call-1' };

/** Each adapter path next to recordCall with the same call already translated. */
const pairs: Array<{ name: string; adapter: () => void; baseline: () => void }> = [
  {
    name: 'observatoryOnFinish, v6 generateText',
    adapter: () => observatoryOnFinish(obs, options)(v6Finish),
    baseline: () => obs.recordCall(translatedV6()),
  },
  {
    name: 'observatoryOnFinish, v5 Anthropic 2-step tool loop',
    adapter: () => observatoryOnFinish(obs, v5Options)(v5ToolLoopFinish),
    baseline: () => obs.recordCall(translatedV5ToolLoop()),
  },
  {
    name: 'v7 telemetry onStart + onEnd',
    adapter: () => {
      telemetry.onStart(telemetryStart);
      telemetry.onEnd(telemetryEnd);
    },
    baseline: () => obs.recordCall(translatedTelemetry()),
  },
];
const cases: Record<string, () => void> = {};
for (const pair of pairs) {
  cases[`${pair.name}: adapter`] = pair.adapter;
  cases[`${pair.name}: recordCall`] = pair.baseline;
}

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));

async function measure(name: string, count: number, keep: boolean): Promise<void> {
  const run = cases[name];
  const out = samples[name];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run();
    const elapsed = Number(process.hrtime.bigint() - start) / 1000;
    if (keep) out.push(elapsed);
    if (i % yieldEvery === yieldEvery - 1) await yieldToLoop();
  }
  await obs.flush();
}

// Warm up: JIT, the price cards, the SQLite schema.
for (const name of Object.keys(cases)) await measure(name, 2_000, false);

const perRound = Math.ceil(iterations / rounds);
for (let round = 0; round < rounds; round++) {
  for (const name of Object.keys(cases)) await measure(name, perRound, true);
}
const written = obs.stats().written;
await obs.close();

function summary(name: string) {
  const values = samples[name];
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return { n: values.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean };
}

const us = (n: number) => n.toFixed(1);
console.log('AI SDK adapter overhead per finished call (hook creation + onFinish), SQLite writer active');
console.log(`node ${process.version}, ${iterations} events per case in ${rounds} alternating rounds\n`);
console.log(
  '| path | events | adapter p50 µs | adapter p99 µs | recordCall p50 µs | recordCall p99 µs | p50 ratio | p99 ratio |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { name } of pairs) {
  const adapter = summary(`${name}: adapter`);
  const baseline = summary(`${name}: recordCall`);
  console.log(
    `| ${name} | ${adapter.n} | ${us(adapter.p50)} | ${us(adapter.p99)} | ${us(baseline.p50)} | ${us(baseline.p99)} | ${(adapter.p50 / baseline.p50).toFixed(2)}× | ${(adapter.p99 / baseline.p99).toFixed(2)}× |`,
  );
}
console.log(`\n${written} calls written to ${databaseUrl}; errors reported: ${adapterErrors.length}`);
if (adapterErrors.length > 0) {
  console.error(adapterErrors[0]);
  process.exitCode = 1;
}
