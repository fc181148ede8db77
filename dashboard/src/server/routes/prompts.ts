import { type CallSample, priceCall } from '@observatory/core';
import { Hono } from 'hono';
import { BadRequest } from '../../bad-request.js';
import { countTokens } from '../analysis/count-tokens.js';
import { estimateMeanOf, mannWhitney, welchTTest, wilsonInterval } from '../analysis/statistics.js';
import type { AppContext } from '../app-context.js';
import { type RangeFilter, readRange } from '../query-params.js';
import { readJsonBody } from '../read-json-body.js';
import { reply } from '../reply.js';

/**
 * Prompt variants are read from call metadata: `metadata.promptId` names the prompt (a
 * template, a system prompt) and `metadata.promptVariant` the version under test. Calls
 * with a variant but no id are grouped under "(default)".
 */
export const PROMPT_ID_KEY = 'promptId';
export const PROMPT_VARIANT_KEY = 'promptVariant';
const DEFAULT_PROMPT_ID = '(default)';
/** Calls carrying a variant read per request, among the newest 200,000 calls in range. */
const VARIANT_SAMPLE = 3000;
const VARIANT_SCAN = 200_000;
/** Longest text the token estimator accepts (characters). */
const MAX_ESTIMATE_CHARS = 100_000;
const DAY_MS = 86_400_000;

/**
 * GET /api/prompts → per prompt, its variants with sample sizes and 95% intervals (judge
 * score, cost, latency, errors), pairwise win/loss from every judged pair (Mann–Whitney),
 * Welch tests against the baseline, models used, and each variant's newest prompt text.
 * POST /api/prompts/estimate → tokens and cost of an edited prompt against that prompt's
 * real traffic.
 */
export function promptsRoutes(ctx: AppContext): Hono {
  return new Hono()
    .get('/prompts', async (c) => {
      const filter = readRange(c, ctx.now());
      const sample = await sampleVariants(ctx, filter);
      if (sample.calls.length === 0) return reply(c, 'GET /api/prompts', { empty: true });
      const groups = groupByPrompt(sample.calls);
      const prompts = [];
      for (const [promptId, variants] of groups) {
        const described: VariantSummary[] = [];
        for (const [variant, calls] of variants) described.push(await describeVariant(ctx, variant, calls));
        // Baseline: the variant seen first (the incumbent the others challenge).
        described.sort((a, b) => a.firstSeen - b.firstSeen);
        const baseline = described[0];
        const scores = new Map([...variants].map(([variant, calls]) => [variant, judgeScores(calls)]));
        const pairs = described.flatMap((row) =>
          described
            .filter((column) => column.variant !== row.variant)
            .map((column) => {
              const result = mannWhitney(scores.get(row.variant) ?? [], scores.get(column.variant) ?? []);
              return { row: row.variant, column: column.variant, ...(result ?? emptyPair()) };
            }),
        );
        prompts.push({
          promptId,
          calls: described.reduce((sum, v) => sum + v.calls, 0),
          baseline: baseline.variant,
          variants: described.map((v) => ({
            ...v,
            vsBaseline: v.variant === baseline.variant ? null : welchTTest(v.score, baseline.score),
          })),
          pairs,
        });
      }
      prompts.sort((a, b) => b.calls - a.calls);
      return reply(c, 'GET /api/prompts', {
        empty: false,
        keys: { promptId: `metadata.${PROMPT_ID_KEY}`, variant: `metadata.${PROMPT_VARIANT_KEY}` },
        prompts,
        sample: { size: sample.calls.length, scannedFrom: sample.scannedFrom?.getTime() ?? null },
      });
    })
    .post('/prompts/estimate', async (c) => {
      const body = await readJsonBody(c);
      const text = body.text;
      if (typeof text !== 'string' || text.length > MAX_ESTIMATE_CHARS) {
        throw new BadRequest(
          'text',
          typeof text === 'string' ? `${text.slice(0, 40)}…` : text,
          `a string of at most ${MAX_ESTIMATE_CHARS} characters`,
        );
      }
      const original = body.original ?? null;
      if (original !== null && (typeof original !== 'string' || original.length > MAX_ESTIMATE_CHARS)) {
        throw new BadRequest('original', original, `a string of at most ${MAX_ESTIMATE_CHARS} characters, or null`);
      }
      const optionalText = (name: string) => {
        const value = body[name];
        if (value === undefined || value === null || value === '') return undefined;
        if (typeof value !== 'string' || value.length > 256)
          throw new BadRequest(name, value, 'a string of at most 256 characters');
        return value;
      };
      const promptId = optionalText('promptId');
      const variant = optionalText('variant');
      const fallbackModel = optionalText('model') ?? 'gpt-4o';
      const fallbackProvider = optionalText('provider') ?? 'openai';
      const filter = readRange(c, ctx.now());

      let calls: CallSample[] = [];
      let spanDays = 1;
      if (promptId || variant) {
        const sample = await sampleVariants(ctx, filter);
        calls = sample.calls.filter(
          (call) =>
            (promptId === undefined || promptIdOf(call) === promptId) &&
            (variant === undefined || variantOf(call) === variant),
        );
        const times = calls.map((x) => x.timestamp.getTime());
        if (times.length > 1) spanDays = Math.max(1 / 24, (Math.max(...times) - Math.min(...times)) / DAY_MS);
      }
      const models = new Map<
        string,
        { provider: string; calls: number; prompt: number; cached: number; write: number; completion: number }
      >();
      for (const call of calls) {
        if (call.promptTokens === 0 && call.completionTokens === 0) continue; // cache hits spent nothing
        const entry = models.get(call.modelName) ?? {
          provider: call.provider,
          calls: 0,
          prompt: 0,
          cached: 0,
          write: 0,
          completion: 0,
        };
        entry.calls++;
        entry.prompt += call.promptTokens;
        entry.cached += call.cachedPromptTokens;
        entry.write += call.cacheWriteTokens;
        entry.completion += call.completionTokens;
        models.set(call.modelName, entry);
      }
      if (models.size === 0) {
        models.set(fallbackModel, {
          provider: fallbackProvider,
          calls: 0,
          prompt: 0,
          cached: 0,
          write: 0,
          completion: 0,
        });
      }
      const counted = [...models.keys()].map((model) => ({
        model,
        edited: countTokens(text, model),
        original: original === null ? null : countTokens(original, model),
      }));
      const totalCalls = [...models.values()].reduce((s, m) => s + m.calls, 0);
      const callsPerDay = totalCalls / spanDays;
      const perModel = counted.map(({ model, edited, original: before }) => {
        const m = models.get(model);
        if (!m) throw new Error('unreachable');
        const delta = before === null ? 0 : edited.tokens - before.tokens;
        const n = Math.max(1, m.calls);
        const avgPrompt = m.calls > 0 ? m.prompt / n : edited.tokens;
        const usage = (promptTokens: number) => ({
          promptTokens: Math.max(0, promptTokens),
          completionTokens: m.calls > 0 ? m.completion / n : 0,
          cachedPromptTokens: Math.min(Math.max(0, promptTokens), m.cached / n),
          cacheWriteTokens: Math.min(Math.max(0, promptTokens - m.cached / n), m.write / n),
        });
        const current = priceCall(m.provider, model, usage(avgPrompt));
        const projected = priceCall(m.provider, model, usage(avgPrompt + delta));
        const share = totalCalls > 0 ? m.calls / totalCalls : 1;
        return {
          model,
          provider: m.provider,
          calls: m.calls,
          share,
          encoding: edited.encoding,
          approximate: edited.approximate,
          editedTokens: edited.tokens,
          originalTokens: before?.tokens ?? null,
          tokenDelta: delta,
          avgPromptTokens: avgPrompt,
          priced: current.costSource !== 'unknown',
          currentCostPerCall: current.totalCost,
          projectedCostPerCall: projected.totalCost,
          monthlyDelta: (projected.totalCost - current.totalCost) * callsPerDay * share * 30,
        };
      });
      return reply(c, 'POST /api/prompts/estimate', {
        promptId: promptId ?? null,
        variant: variant ?? null,
        chars: text.length,
        observedCalls: totalCalls,
        callsPerDay,
        perModel,
        monthlyDelta: perModel.reduce((s, m) => s + m.monthlyDelta, 0),
      });
    });
}

async function sampleVariants(ctx: AppContext, filter: RangeFilter) {
  return ctx.samples.get({
    ...filter,
    metadataKey: PROMPT_VARIANT_KEY,
    limit: VARIANT_SAMPLE,
    scanLimit: VARIANT_SCAN,
  });
}

function promptIdOf(call: CallSample): string {
  const id = call.metadata?.[PROMPT_ID_KEY];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : DEFAULT_PROMPT_ID;
}

function variantOf(call: CallSample): string | null {
  const variant = call.metadata?.[PROMPT_VARIANT_KEY];
  return typeof variant === 'string' || typeof variant === 'number' ? String(variant) : null;
}

function groupByPrompt(calls: CallSample[]): Map<string, Map<string, CallSample[]>> {
  const groups = new Map<string, Map<string, CallSample[]>>();
  for (const call of calls) {
    const variant = variantOf(call);
    if (variant === null) continue;
    const promptId = promptIdOf(call);
    let variants = groups.get(promptId);
    if (!variants) {
      variants = new Map();
      groups.set(promptId, variants);
    }
    const list = variants.get(variant);
    if (list) list.push(call);
    else variants.set(variant, [call]);
  }
  return groups;
}

function judgeScores(calls: CallSample[]): number[] {
  const scores: number[] = [];
  for (const call of calls) if (call.qualityEvaluation) scores.push(call.qualityEvaluation.judgeScore);
  return scores;
}

async function describeVariant(ctx: AppContext, variant: string, calls: CallSample[]) {
  const scores = judgeScores(calls);
  const errors = calls.filter((call) => call.error).length;
  const hallucinations = calls.filter((call) => call.qualityEvaluation?.hallucinationFlag).length;
  const latencies = calls.map((call) => call.latencyMs).sort((a, b) => a - b);
  const models = new Map<string, number>();
  for (const call of calls) models.set(call.modelName, (models.get(call.modelName) ?? 0) + 1);
  const times = calls.map((call) => call.timestamp.getTime());
  // calls are newest first: the first one holds the variant's current prompt text.
  const newest = await ctx.storage.getLlmCall(calls[0].id);
  return {
    variant,
    calls: calls.length,
    judged: scores.length,
    score: estimateMeanOf(scores),
    cost: estimateMeanOf(calls.map((call) => call.totalCost)),
    promptTokens: calls.reduce((s, call) => s + call.promptTokens, 0) / calls.length,
    completionTokens: calls.reduce((s, call) => s + call.completionTokens, 0) / calls.length,
    latency: {
      ...estimateMeanOf(latencies),
      p95: latencies[Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)],
    },
    errorRate: wilsonInterval(errors, calls.length),
    hallucinationRate: wilsonInterval(hallucinations, scores.length),
    routedShare: calls.filter((call) => call.routingDecision).length / calls.length,
    models: [...models.entries()]
      .map(([model, n]) => ({ model, calls: n, share: n / calls.length }))
      .sort((a, b) => b.calls - a.calls),
    firstSeen: Math.min(...times),
    lastSeen: Math.max(...times),
    prompt: newest?.prompt ?? null,
    promptProvider: newest?.provider ?? calls[0].provider,
    promptModel: newest?.modelName ?? calls[0].modelName,
  };
}

type VariantSummary = Awaited<ReturnType<typeof describeVariant>>;

function emptyPair() {
  return { winRate: null, wins: 0, losses: 0, ties: 0, pairs: 0, pValue: null };
}
