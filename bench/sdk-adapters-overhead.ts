// Caller-side cost of recordOpenAIResponse and recordAnthropicMessage next to a raw
// obs.recordCall writing the same fields: p50/p99 µs per call, with the background writer
// running against a SQLite file. Variants are interleaved in chunks (with a yield between
// chunks, so the writer really runs), so drift in GC or writer load hits all of them alike.
// Target: an adapter call costs at most 2x the raw recordCall.
// Run: npx tsx --conditions=@observatory/source bench/sdk-adapters-overhead.ts [callsPerVariant]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordAnthropicMessage } from '@observatory/anthropic';
import { Observatory } from '@observatory/core';
import { recordOpenAIResponse } from '@observatory/openai';
import { formatNumber, quantile, tempDir, yieldToLoop } from './bench-utils.js';

const perVariant = Number(process.argv[2] ?? 100_000);
const warmupChunks = 20;
const chunk = 500;

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../adapters/${path}`, import.meta.url), 'utf8'));
const chatCompletion = fixture('openai/src/__fixtures__/chat-completion-gpt-4o-cached.json');
const response = fixture('openai/src/__fixtures__/response-gpt-4o-cached.json');
const message = fixture('anthropic/src/__fixtures__/message-claude-sonnet-4-5-cache.json');
const chatRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You review diffs.' },
    { role: 'user', content: 'Review: - fetchUser() + loadUser()' },
  ],
};
const openAIPromptText = 'system: You review diffs.\nuser: Review: - fetchUser() + loadUser()';
const anthropicRequest = {
  model: 'claude-sonnet-4-5',
  system: 'You review contracts.',
  messages: [{ role: 'user', content: 'Do sections 4.2 and 7.1 conflict?' }],
};

const errors: unknown[] = [];
const obs = new Observatory({
  databaseUrl: join(tempDir('sdk-overhead'), 'bench.db'),
  projectName: 'bench-sdk-adapters',
  flushOnExit: false,
  onError: (error) => errors.push(error),
});
const sessionId = obs.startSession('bench').id;
const options = { sessionId, latencyMs: 850, agentName: 'Reviewer' };

/** What recordOpenAIResponse writes for the chat fixture, spelled out as a raw recordCall. */
const rawOpenAIEquivalent = {
  sessionId,
  provider: 'openai',
  modelName: 'gpt-4o-2024-08-06',
  promptTokens: 2006,
  completionTokens: 300,
  totalTokens: 2306,
  cachedPromptTokens: 1920,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  latencyMs: 850,
  agentName: 'Reviewer',
  responseText: 'The diff renames `fetchUser` but two call sites in `billing.ts` still use the old name.',
  finishReason: 'stop',
  metadata: {
    api: 'chat.completions',
    responseId: 'chatcmpl-BnK2vQxR7mZ4hT8pYc1LwE9sUaFdG',
    serviceTier: 'default',
    systemFingerprint: 'fp_a288987b44',
  },
};

/** `baseline`: index of the raw recordCall variant writing the same fields; ratios are taken against it. */
const variants: Array<{ name: string; baseline: number; record: () => unknown }> = [
  {
    name: 'obs.recordCall (minimal: model, tokens, latency, agent)',
    baseline: 1,
    record: () =>
      obs.recordCall({
        sessionId,
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 2006,
        completionTokens: 300,
        cachedPromptTokens: 1920,
        latencyMs: 850,
        agentName: 'Reviewer',
      }),
  },
  {
    name: 'obs.recordCall (the fields the OpenAI adapter writes)',
    baseline: 1,
    record: () => obs.recordCall(rawOpenAIEquivalent),
  },
  {
    name: 'obs.recordCall (those fields + the prompt text)',
    baseline: 2,
    record: () => obs.recordCall({ ...rawOpenAIEquivalent, prompt: openAIPromptText }),
  },
  {
    name: 'recordOpenAIResponse (ChatCompletion)',
    baseline: 1,
    record: () => recordOpenAIResponse(obs, chatCompletion, options),
  },
  {
    name: 'recordOpenAIResponse (ChatCompletion + request → prompt)',
    baseline: 2,
    record: () => recordOpenAIResponse(obs, chatCompletion, { ...options, request: chatRequest as never }),
  },
  {
    name: 'recordOpenAIResponse (Responses API Response)',
    baseline: 1,
    record: () => recordOpenAIResponse(obs, response, options),
  },
  {
    name: 'recordAnthropicMessage (Message)',
    baseline: 1,
    record: () => recordAnthropicMessage(obs, message, options),
  },
  {
    name: 'recordAnthropicMessage (Message + request → prompt)',
    baseline: 2,
    record: () => recordAnthropicMessage(obs, message, { ...options, request: anthropicRequest as never }),
  },
];

const samples = variants.map(() => new Float64Array(perVariant));
const chunks = perVariant / chunk;
for (let round = -warmupChunks; round < chunks; round++) {
  for (const [v, variant] of variants.entries()) {
    for (let i = 0; i < chunk; i++) {
      const start = process.hrtime.bigint();
      variant.record();
      const micros = Number(process.hrtime.bigint() - start) / 1000;
      if (round >= 0) samples[v][round * chunk + i] = micros;
    }
    await yieldToLoop();
    while (obs.stats().pending > 50_000) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
await obs.flush();
const stats = obs.stats();
await obs.close();

for (const series of samples) series.sort();
const ratio = (value: number, base: number) => `${formatNumber(value / base)}x`;
console.log(`Per-call cost over ${formatNumber(perVariant, 0)} calls per variant (writer running, SQLite file):`);
console.log('| variant | p50 µs | p99 µs | p50 / raw recordCall p50 | p99 / raw recordCall p99 |');
console.log('| --- | --- | --- | --- | --- |');
for (const [v, variant] of variants.entries()) {
  const [p50, p99] = [quantile(samples[v], 0.5), quantile(samples[v], 0.99)];
  const [baseP50, baseP99] = [quantile(samples[variant.baseline], 0.5), quantile(samples[variant.baseline], 0.99)];
  console.log(
    `| ${variant.name} | ${formatNumber(p50)} | ${formatNumber(p99)} | ${ratio(p50, baseP50)} | ${ratio(p99, baseP99)} |`,
  );
}
console.log('Ratios: against the raw recordCall writing the same fields (with the prompt text for "+ request").');
console.log(
  `written ${formatNumber(stats.written, 0)}, dropped ${stats.dropped}, rejected ${stats.rejected}, errors ${errors.length}`,
);
if (errors.length > 0) console.log(String(errors[0]));
