import { Observatory, priceCall, type RecordCallInput, type RoutingDecision } from '@observatory/core';
import { createRandom, type Random } from './create-random.js';
import {
  DEMO_ERRORS,
  DEMO_MODELS,
  DEMO_PROJECTS,
  type DemoModel,
  type DemoProject,
  type DemoStep,
  type DemoTopic,
  type DemoVariant,
  JUDGE_ERROR_CATEGORIES,
  JUDGE_SUGGESTIONS,
} from './demo-catalog.js';

export interface DemoOptions {
  databaseUrl?: string;
  /** Calls to write across all projects. Default 50,000. */
  calls?: number;
  /** Days of history ending at `now`. Default 14. */
  days?: number;
  seed?: number;
  now?: Date;
  /** Called as calls are recorded, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
  /** Items per write transaction. Default 5,000. */
  batchSize?: number;
}

export interface DemoSummary {
  calls: number;
  sessions: number;
  projects: string[];
  from: Date;
  to: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Calls queued before the generator waits for the writer, to bound memory. */
const MAX_PENDING = 40_000;

/**
 * Fill a store with realistic multi-agent history: three projects with crews of agents,
 * routed model choices, a response cache, judge scores, prompt variants under A/B test,
 * provider prompt caching, reasoning tokens, errors (and one provider incident), all with
 * a weekly and daily rhythm and gentle growth.
 */
export async function generateDemoHistory(options: DemoOptions = {}): Promise<DemoSummary> {
  const total = options.calls ?? 50_000;
  const days = options.days ?? 14;
  const now = (options.now ?? new Date()).getTime();
  const start = now - days * DAY_MS;
  const random = createRandom(options.seed ?? 42);
  const rhythm = createRhythm(start, now, days);
  const incident = { start: floorToHour(now - Math.max(1, Math.round(days * 0.3)) * DAY_MS) + 14 * HOUR_MS };
  let written = 0;
  let sessions = 0;

  for (const [index, project] of DEMO_PROJECTS.entries()) {
    const isLast = index === DEMO_PROJECTS.length - 1;
    const target = isLast ? total - written : Math.round(total * project.weight);
    const obs = new Observatory({
      projectName: project.name,
      databaseUrl: options.databaseUrl,
      batchSize: options.batchSize ?? 5000,
      flushIntervalMs: 200,
      maxQueueSize: MAX_PENDING * 2,
      flushOnExit: false,
      strict: true,
    });
    try {
      let projectCalls = 0;
      while (projectCalls < target) {
        const at = rhythm.sample(random);
        const recorded = recordSession(obs, project, random, at, target - projectCalls, {
          incident: at >= incident.start && at < incident.start + 3 * HOUR_MS,
          daysBeforeNow: (now - at) / DAY_MS,
        });
        projectCalls += recorded;
        written += recorded;
        sessions++;
        if (obs.stats().pending > MAX_PENDING) await obs.flush();
        options.onProgress?.(written, total);
      }
      await obs.flush();
      await obs.storage.alignSessionTimes(project.name);
    } finally {
      await obs.close();
    }
  }
  return {
    calls: written,
    sessions,
    projects: DEMO_PROJECTS.map((p) => p.name),
    from: new Date(start),
    to: new Date(now),
  };
}

interface SessionContext {
  /** A provider incident: Anthropic overloaded, slow and failing. */
  incident: boolean;
  daysBeforeNow: number;
}

/** Record one workflow run (a session of several agent calls); returns how many calls it recorded. */
function recordSession(
  obs: Observatory,
  project: DemoProject,
  random: Random,
  at: number,
  budget: number,
  context: SessionContext,
): number {
  const workflow = random.weighted(project.workflows.map((w) => [w, w.weight] as const));
  const topic = random.pick(project.topics);
  const session = obs.startSession(workflow.operationType, { topic: topic.id });
  let time = at;
  let recorded = 0;
  let failed = false;
  for (const step of workflow.steps) {
    if (recorded >= budget) break;
    const call = buildCall(step, topic, random, time, context);
    obs.recordCall({ ...call, sessionId: session.id });
    recorded++;
    time += (call.latencyMs ?? 0) + random.int(50, 900);
    if (call.error && random.chance(0.6)) {
      failed = true;
      break;
    }
  }
  void obs.endSession(session, failed ? { success: false, error: 'step failed after retries' } : { success: true });
  return recorded;
}

function buildCall(step: DemoStep, topic: DemoTopic, random: Random, time: number, context: SessionContext) {
  const variant = step.variants ? pickVariant(step.variants, random, context.daysBeforeNow) : undefined;
  const routing = step.routed ? routeModel(step, topic, random) : undefined;
  const model = DEMO_MODELS[routing?.decision.chosenModel ?? random.weighted(step.models ?? [['gpt-4o-mini', 1]])];
  const tokenFactor = variant?.tokenFactor ?? 1;
  const promptTokens = Math.max(20, Math.round(random.logNormal(step.promptTokens * tokenFactor, 0.35)));
  const completionTokens = Math.max(5, Math.round(random.logNormal(step.completionTokens * tokenFactor, 0.45)));

  const call: RecordCallInput = {
    provider: model.provider,
    modelName: model.model,
    agentName: step.agent,
    operationName: step.operation,
    timestamp: new Date(time),
    prompt: step.prompt(random, topic, variant?.instruction ?? ''),
    metadata: step.promptId && variant ? { promptId: step.promptId, promptVariant: variant.id } : undefined,
    routingDecision: routing
      ? { ...routing.decision, estimatedCostSavings: routing.savings(promptTokens, completionTokens) }
      : undefined,
  };

  if (step.responseCache) {
    const hit = random.chance(topic.complexity < 0.5 ? 0.42 : 0.18);
    call.cacheMetadata = { cacheHit: hit, cacheKey: `${topic.id}:${random.int(0, 2)}`, cacheClusterId: topic.id };
    if (hit) {
      // Served from the user's cache: no tokens spent, a few milliseconds.
      return {
        ...call,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: Math.round(random.logNormal(9, 0.4)),
        responseText: step.response(random, topic),
        finishReason: 'stop',
      };
    }
  }

  const errorRate = context.incident && model.provider === 'anthropic' ? 0.28 : 0.018;
  const slowdown = context.incident && model.provider === 'anthropic' ? 2.6 : 1;
  if (random.chance(errorRate)) {
    const error =
      context.incident && model.provider === 'anthropic'
        ? 'overloaded_error: Overloaded'
        : random.weighted(DEMO_ERRORS);
    return {
      ...call,
      promptTokens,
      completionTokens: 0,
      latencyMs: error.startsWith('APITimeout')
        ? 60_000
        : Math.round(random.logNormal(model.baseLatencyMs * slowdown, 0.3)),
      error,
    };
  }

  const cached = step.providerCacheShare
    ? Math.min(promptTokens, Math.round(promptTokens * step.providerCacheShare * (0.6 + random.next() * 0.7)))
    : 0;
  const cacheWriteTokens =
    model.provider === 'anthropic' && step.providerCacheShare && random.chance(0.1)
      ? Math.min(promptTokens - cached, Math.round(promptTokens * 0.3))
      : 0;
  const reasoningTokens = step.reasoningShare ? Math.round(completionTokens * step.reasoningShare) : 0;
  const latencyMs = Math.round(
    (model.baseLatencyMs + completionTokens * model.msPerToken) * slowdown * random.logNormal(1, 0.25),
  );
  const judged = step.judgeRate !== undefined && random.chance(step.judgeRate);
  return {
    ...call,
    promptTokens,
    completionTokens,
    cachedPromptTokens: cached,
    cacheWriteTokens,
    reasoningTokens,
    latencyMs,
    ttftMs: step.streamed ? Math.round(model.baseLatencyMs * slowdown * random.logNormal(1, 0.3)) : undefined,
    responseText: step.response(random, topic),
    finishReason: random.chance(0.03) ? 'length' : 'stop',
    qualityEvaluation: judged ? judge(model, topic, variant, random, Boolean(routing)) : undefined,
  };
}

function pickVariant(variants: readonly DemoVariant[], random: Random, daysBeforeNow: number): DemoVariant {
  const live = variants.filter((v) => v.recentDays === undefined || daysBeforeNow <= v.recentDays);
  return random.weighted(live.map((v) => [v, v.weight] as const));
}

/**
 * The demo user's router: cheap model for easy topics, stronger ones as complexity grows,
 * with the scores and reasoning a real router would log.
 */
function routeModel(step: DemoStep, topic: DemoTopic, random: Random) {
  const candidates = step.routed ?? [];
  const complexity = Math.min(1, Math.max(0, topic.complexity + random.normal(0, 0.15)));
  const index = Math.min(candidates.length - 1, Math.floor(complexity * candidates.length));
  const chosenModel = candidates[index];
  const modelScores: Record<string, number> = {};
  for (const [i, name] of candidates.entries()) {
    modelScores[name] = Math.round((1 - Math.abs(i / Math.max(1, candidates.length - 1) - complexity)) * 100) / 100;
  }
  const fallback = candidates[candidates.length - 1];
  const decision: RoutingDecision = {
    chosenModel,
    alternativeModels: candidates.filter((name) => name !== chosenModel),
    modelScores,
    reasoning: `complexity ${complexity.toFixed(2)}: ${index === 0 ? 'simple request, cheapest capable model' : index === candidates.length - 1 ? 'hard request, strongest model' : 'moderate request, mid-tier model'}`,
  };
  return {
    decision,
    /** Dollars saved versus sending the same call to the strongest candidate, as the user's router estimates it. */
    savings(promptTokens: number, completionTokens: number): number {
      const price = (name: string) =>
        priceCall(DEMO_MODELS[name].provider, name, {
          promptTokens,
          completionTokens,
          cachedPromptTokens: 0,
          cacheWriteTokens: 0,
        }).totalCost;
      return Math.max(0, Math.round((price(fallback) - price(chosenModel)) * 1e8) / 1e8);
    },
  };
}

function judge(model: DemoModel, topic: DemoTopic, variant: DemoVariant | undefined, random: Random, routed: boolean) {
  // Hard topics cost weak models more points; routing sends hard topics to strong models.
  const difficultyPenalty = topic.complexity * (9 - model.quality) * 0.8;
  const raw = random.normal(model.quality + (variant?.qualityDelta ?? 0) - difficultyPenalty + (routed ? 0.2 : 0), 1.1);
  const judgeScore = Math.round(Math.min(10, Math.max(0, raw)) * 2) / 2;
  const poor = judgeScore < 6;
  const hallucinationFlag = poor && random.chance(0.35);
  return {
    judgeScore,
    reasoning: poor
      ? `The answer ${hallucinationFlag ? 'states facts not supported by the sources' : 'misses part of the request'}.`
      : 'Accurate, complete and on topic.',
    hallucinationFlag,
    factualError: poor && random.chance(0.3),
    confidence: Math.round((0.6 + random.next() * 0.38) * 100) / 100,
    errorCategory: poor ? (hallucinationFlag ? 'hallucination' : random.pick(JUDGE_ERROR_CATEGORIES)) : undefined,
    suggestions: poor ? [random.pick(JUDGE_SUGGESTIONS)] : [],
  };
}

/**
 * Traffic shape: busier on weekdays and during the (UTC) working day, growing ~2% a day.
 * Sampled by rejection, so any shape works.
 */
function createRhythm(start: number, end: number, days: number) {
  const weight = (time: number): number => {
    const date = new Date(time);
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    const weekday = date.getUTCDay();
    const daily = 0.25 + 0.75 * Math.exp(-((hour - 14.5) ** 2) / (2 * 3.6 ** 2));
    const weekly = weekday === 0 || weekday === 6 ? 0.45 : 1;
    const growth = 1 + (0.02 * (time - start)) / DAY_MS;
    return daily * weekly * growth;
  };
  const maxWeight = 1 + 0.02 * days;
  return {
    sample(random: Random): number {
      for (;;) {
        const time = start + random.next() * (end - start);
        if (random.next() * maxWeight <= weight(time)) return Math.floor(time);
      }
    },
  };
}

function floorToHour(time: number): number {
  return time - (time % HOUR_MS);
}
