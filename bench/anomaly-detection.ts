/**
 * Anomaly detection against injected anomalies: dashboard/src/server/analysis/detect-anomalies.ts
 * on synthetic hourly histories of models and agents, half of them with labelled anomalies,
 * half normal; recall of the anomalies (overall and by the usual calls an hour where they
 * struck), false alarms per week of normal history, runtime.
 *
 *   npx tsx --conditions=@observatory/source bench/anomaly-detection.ts [--seeds 2,3,4] [--series 40] [--weeks 10]
 *     [--thresholds 3,3.5,4] [--set minCallsForLatency=5,…] [--missed] [--verbose]
 *     [--without-own-calls] [--mixed-agents]
 *
 * Seed 1 is the validation seed the detector's constants were chosen on (`--seeds 1 --series 80
 * --thresholds 3,3.5,4`); the reported figures come from other seeds. `--missed` lists the
 * anomalies not found, `--verbose` every false alarm with its reason (both on stderr).
 * `--without-own-calls` leaves out the check of rises per call against the series' own calls;
 * `--mixed-agents` makes the agents with injected anomalies mix two kinds of calls too.
 *
 * Traffic follows the demo's rhythm
 * (examples/demo/traffic-rhythm.ts: a working-day curve peaking mid-afternoon UTC, quieter
 * weekends, growth over the period), with each series' own peak hour, night and weekend
 * share, growth or decline, day-to-day and hour-to-hour swings; calls are drawn one by one
 * (Poisson counts, log-normal tokens and latencies, a per-day error rate; every fourth series
 * mixes two kinds of calls, 2–10% of them ×20 the price and ×4 the latency). Injected, 1–4 hours
 * each, starting at a time drawn in proportion to the series' traffic (incidents happen when
 * calls do): cost ×3–×10, calls down to 0–20%, error rate 20–60%, latency ×3, tokens per call
 * ×4 (cost follows). An anomaly counts as detected when any of its hours is flagged on its
 * metric (a drop as a drop); a false alarm is a flag at an hour outside every injected window
 * of that series, per week of judged history (hours after the detector's minimum history).
 * Deterministic for a seed.
 */

import { latencyBucket, percentileFromHistogram } from '../core/src/latency-buckets.js';
import {
  type Anomaly,
  type AnomalyMetric,
  DEFAULT_DETECT_OPTIONS,
  type DetectOptions,
  detectAnomalies,
  detectAnomaliesOverRange,
  type HourlyPoint,
  type HourlySeries,
} from '../dashboard/src/server/analysis/detect-anomalies.js';
import {
  beyondOwnCalls,
  needsOwnCalls,
  OWN_CALLS,
  OWN_CALLS_DAYS,
} from '../dashboard/src/server/analysis/judge-by-own-calls.js';
import { normalCdf, studentTQuantile } from '../dashboard/src/server/analysis/statistics.js';
import { createSeededRandom, type SeededRandom } from '../examples/shared/seeded-random.js';
import { formatNumber } from './bench-utils.js';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const seeds = (flags.text('seeds') ?? '2,3,4').split(',').map(Number);
const seriesCount = flags.int('series', 2, 1000, 40);
const weeks = flags.int('weeks', 3, 52, 10);
const thresholds = (flags.text('thresholds') ?? String(DEFAULT_DETECT_OPTIONS.threshold)).split(',').map(Number);
/** Other detector options to try, e.g. `--set minCallsForLatency=5,minCallsForTokens=3`. */
const extraOptions: DetectOptions = Object.fromEntries(
  (flags.text('set') ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name, value] = pair.split('=');
      if (!(name in DEFAULT_DETECT_OPTIONS) || !Number.isFinite(Number(value))) {
        throw new Error(`--set ${pair}: expected one of ${Object.keys(DEFAULT_DETECT_OPTIONS).join(', ')} = a number`);
      }
      return [name, Number(value)];
    }),
);
/** Leave out the check of rises per call against the series' own calls (judge-by-own-calls.ts), to compare. */
const withoutOwnCalls = process.argv.includes('--without-own-calls');
/** Every agent series mixes two kinds of calls, those with injected anomalies too (else every other one without). */
const mixedAgents = process.argv.includes('--mixed-agents');
const listMissed = process.argv.includes('--missed');
const verbose = process.argv.includes('--verbose');

const HOUR_MS = 3_600_000;
const DAY = 24;
const WEEK = 168;
/** Monday 2026-09-28 00:00 UTC: the histories start on a Monday. */
const START = Date.UTC(2026, 8, 28);
const METRICS: AnomalyMetric[] = ['cost', 'calls', 'errorRate', 'p95LatencyMs', 'tokensPerCall'];

// ---- series -------------------------------------------------------------------------------

/** Blended $ per 1M tokens. */
const MODELS: [string, number][] = [
  ['gpt-4o', 5],
  ['gpt-4o-mini', 0.3],
  ['gpt-4.1', 4],
  ['o3', 8],
  ['claude-sonnet-4-5', 6],
  ['claude-haiku-4-5', 1.6],
  ['gemini-2.5-pro', 4],
  ['gemini-2.5-flash', 0.5],
  ['mistral-large', 3],
  ['llama-3.3-70b', 0.7],
];
const AGENTS = [
  'Planner',
  'Researcher',
  'Writer',
  'Reviewer',
  'Router',
  'Summarizer',
  'Coder',
  'Tester',
  'Triage',
  'SQL Agent',
];
const PROJECTS = ['support', 'code-review', 'career', 'analytics'];

interface Profile {
  series: HourlySeries;
  /** The demo's own rhythm: peak at 14:30 UTC, nights at 25%, weekends at 45%, +2% a day. */
  demo: boolean;
  /** Calls an hour at the daily peak of a weekday, at the start. */
  peakCalls: number;
  peakHour: number;
  /** Share of the peak at the quietest hour, and on weekends. */
  nightShare: number;
  weekendShare: number;
  /** Change per day, as a share of the first day's volume. */
  growthPerDay: number;
  /** Log-normal sd of the day's level and of each hour's. */
  dayNoise: number;
  hourNoise: number;
  errorRate: number;
  latencyMs: number;
  tokens: number;
  dollarsPerToken: number;
  /**
   * Share of calls of a dearer kind (0: one kind): a router's strong model, an uncached
   * answer, a long report. They cost ×DEAR_COST per token and take ×DEAR_LATENCY.
   */
  dearShare: number;
}

function createProfile(index: number, random: SeededRandom): Profile {
  const isModel = index % 2 === 0;
  const [model, price] = MODELS[(index >> 1) % MODELS.length];
  const agent = AGENTS[(index >> 1) % AGENTS.length];
  const project = PROJECTS[Math.floor(index / (2 * MODELS.length)) % PROJECTS.length];
  const name = isModel ? model : agent;
  const key = `${isModel ? 'model' : 'agent'}:${name}@${project}`;
  // Every third series is the demo's own rhythm; the others vary around it, some flat (batch work).
  const demo = index % 3 === 0;
  const flat = !demo && random.next() < 0.15;
  return {
    series: { key, label: `${name} (${project})`, points: [] },
    demo,
    peakCalls: Math.round(3 * 200 ** random.next()),
    peakHour: demo ? 14.5 : 11 + random.next() * 7,
    nightShare: demo ? 0.25 : flat ? 0.7 + 0.3 * random.next() : 0.1 + 0.3 * random.next(),
    weekendShare: demo ? 0.45 : flat ? 0.9 + 0.1 * random.next() : 0.25 + 0.6 * random.next(),
    growthPerDay: demo ? 0.02 : -0.005 + 0.025 * random.next(),
    dayNoise: 0.05 + 0.1 * random.next(),
    hourNoise: 0.05 + 0.1 * random.next(),
    errorRate: 0.003 + 0.03 * random.next(),
    latencyMs: 400 + 3600 * random.next(),
    tokens: Math.round(300 * 20 ** random.next()),
    dollarsPerToken: (isModel ? price : MODELS[random.int(0, MODELS.length - 1)][1]) / 1e6,
    // Every fourth series, an agent without injected anomalies, mixes two kinds of calls (with
    // --mixed-agents every agent does).
    dearShare: index % 4 === 3 || (mixedAgents && !isModel) ? 0.02 + 0.08 * random.next() : 0,
  };
}

/** Expected calls in hour t (hours since START), before noise: the demo's curve, per series. */
function expectedCalls(p: Profile, t: number): number {
  const hour = t % DAY;
  const weekday = Math.floor(t / DAY) % 7; // 0 = Monday
  const daily = p.nightShare + (1 - p.nightShare) * Math.exp(-((hour - p.peakHour) ** 2) / (2 * 3.6 ** 2));
  const weekly = weekday >= 5 ? p.weekendShare : 1;
  const growth = Math.max(0.2, 1 + p.growthPerDay * (t / DAY));
  return p.peakCalls * daily * weekly * growth;
}

// ---- anomalies ----------------------------------------------------------------------------

type Kind = 'cost-spike' | 'calls-drop' | 'error-burst' | 'latency-spike' | 'tokens-jump';
const KINDS: Kind[] = ['cost-spike', 'calls-drop', 'error-burst', 'latency-spike', 'tokens-jump'];
const KIND_METRIC: Record<Kind, AnomalyMetric> = {
  'cost-spike': 'cost',
  'calls-drop': 'calls',
  'error-burst': 'errorRate',
  'latency-spike': 'p95LatencyMs',
  'tokens-jump': 'tokensPerCall',
};

interface Injected {
  kind: Kind;
  /** Hours since START, [from, to). */
  from: number;
  to: number;
  /** Multiplier (cost, calls, latency, tokens) or error rate. */
  size: number;
  /** Expected calls in its busiest hour, before noise. */
  usualCalls: number;
  /** Filled in as the history is drawn, for the ideal detector (idealRecall): calls made during it, */
  calls: number;
  /** calls expected during it had it not happened (the day's level, without hour-to-hour noise), */
  expectedCalls: number;
  /** and the day's usual error rate when it started. */
  usualErrorRate: number;
}

/** 3–6 anomalies in the judged part of the history, at times drawn in proportion to traffic, a day apart or more. */
function planAnomalies(p: Profile, hours: number, firstJudged: number, random: SeededRandom): Injected[] {
  const planned: Injected[] = [];
  const count = random.int(3, 6);
  const maxCalls = p.peakCalls * Math.max(1, 1 + p.growthPerDay * (hours / DAY));
  for (let attempt = 0; planned.length < count && attempt < 10_000; attempt++) {
    const from = random.int(firstJudged, hours - 5);
    if (random.next() * maxCalls > expectedCalls(p, from)) continue;
    const kind = random.pick(KINDS);
    const length = kind === 'calls-drop' ? random.int(1, 4) : random.int(1, 3);
    const to = from + length;
    if (planned.some((a) => from < a.to + DAY && a.from < to + DAY)) continue;
    const size = {
      'cost-spike': 3 + 7 * random.next(),
      'calls-drop': 0.2 * random.next(),
      'error-burst': 0.2 + 0.4 * random.next(),
      'latency-spike': 3,
      'tokens-jump': 4,
    }[kind];
    let usualCalls = 0;
    for (let t = from; t < to; t++) usualCalls = Math.max(usualCalls, expectedCalls(p, t));
    planned.push({ kind, from, to, size, usualCalls, calls: 0, expectedCalls: 0, usualErrorRate: 0 });
  }
  return planned;
}

/** Log-normal spread of one call's tokens (so its cost) and of its latency. */
const TOKENS_SD = 0.6;
const LATENCY_SD = 0.45;
/** A dear call's cost per token and its latency, as multiples of the usual kind's (Profile.dearShare). */
const DEAR_COST = 20;
const DEAR_LATENCY = 4;

// ---- the ideal detector ---------------------------------------------------------------------

/**
 * How often an anomaly can be found at all: the chance that an ideal detector finds it, one
 * that knows the generator's every parameter (the day's level and error rate, each call's
 * distribution) and the anomaly's exact hours, and reads every call, not rollups. It tests
 * windows of 1–4 hours ending at each hour on 5 metrics, so to raise ≤ 1 false alarm per
 * series-week it flags at a chance of IDEAL_FALSE_ALARM or less. No detector of hourly
 * rollups can beat it; it is the ceiling for recall in each band.
 */
const IDEAL_FALSE_ALARM = 1 / (WEEK * 4 * METRICS.length);
/** An anomaly the ideal detector finds this often is one the data shows beyond doubt. */
const DETECTABLE = 0.95;

function idealChance(a: Injected): number {
  const critical = studentTQuantile(1 - IDEAL_FALSE_ALARM, Number.POSITIVE_INFINITY);
  // Log-normal per call: the mean of n logs moves by log(size) in units of sd/√n.
  const shift = (size: number, sd: number) => normalCdf((Math.sqrt(a.calls) * Math.log(size)) / sd - critical);
  switch (a.kind) {
    case 'cost-spike':
      return shift(a.size, TOKENS_SD);
    case 'tokens-jump':
      return shift(a.size, TOKENS_SD);
    case 'latency-spike':
      return shift(a.size, LATENCY_SD);
    case 'error-burst': {
      // The fewest errors among its calls that the usual rate makes rare enough to flag.
      let k = 0;
      while (k <= a.calls && binomialTail(a.calls, a.usualErrorRate, k) > IDEAL_FALSE_ALARM) k++;
      return k > a.calls ? 0 : binomialTail(a.calls, a.size, k);
    }
    case 'calls-drop': {
      // The most calls that are still rare enough to flag when expectedCalls are usual.
      let c = -1;
      while (c < a.expectedCalls && poissonCdf(a.expectedCalls, c + 1) <= IDEAL_FALSE_ALARM) c++;
      return c < 0 ? 0 : poissonCdf(a.size * a.expectedCalls, c);
    }
  }
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
function binomialTail(n: number, p: number, k: number): number {
  let term = (1 - p) ** n; // P(X = 0)
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

/** P(X ≤ c) for X ~ Poisson(lambda), summed in logs (e^−λ underflows past λ ≈ 745). */
function poissonCdf(lambda: number, c: number): number {
  let logTerm = -lambda; // log P(X = 0)
  let sum = 0;
  for (let i = 0; i <= c; i++) {
    sum += Math.exp(logTerm);
    logTerm += Math.log(lambda / (i + 1));
  }
  return sum;
}

// ---- hourly points, call by call -----------------------------------------------------------

function normal(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

function poisson(lambda: number, random: SeededRandom): number {
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let product = random.next(); product > limit; product *= random.next()) k++;
  return k;
}

/** Each hour's calls one by one (hour index → costs, tokens, latencies), as the store keeps them. */
type HourCalls = Map<number, { costs: number[]; tokens: number[]; latenciesMs: number[] }>;

function generatePoints(
  p: Profile,
  hours: number,
  anomalies: readonly Injected[],
  random: SeededRandom,
  calls: HourCalls = new Map(),
): HourlyPoint[] {
  const points: HourlyPoint[] = [];
  let dayLevel = 1;
  let dayErrorRate = p.errorRate;
  for (let t = 0; t < hours; t++) {
    if (t % DAY === 0) {
      dayLevel = Math.exp(p.dayNoise * normal(random));
      // Some days the provider is flakier than others.
      dayErrorRate = Math.min(0.5, p.errorRate * Math.exp(0.4 * normal(random)));
    }
    const active = anomalies.find((a) => t >= a.from && t < a.to);
    let lambda = expectedCalls(p, t) * dayLevel * Math.exp(p.hourNoise * normal(random));
    if (active?.kind === 'calls-drop') lambda *= active.size;
    const count = poisson(lambda, random);
    if (active !== undefined) {
      active.calls += count;
      active.expectedCalls += expectedCalls(p, t) * dayLevel;
      if (t === active.from) active.usualErrorRate = dayErrorRate;
    }
    if (count === 0) continue;
    const errorRate = active?.kind === 'error-burst' ? active.size : dayErrorRate;
    const latencyFactor = active?.kind === 'latency-spike' ? active.size : 1;
    const tokensFactor = active?.kind === 'tokens-jump' ? active.size : 1;
    const costFactor = active?.kind === 'cost-spike' ? active.size : 1;
    const hour = { costs: [] as number[], tokens: [] as number[], latenciesMs: [] as number[] };
    let errorCalls = 0;
    let totalTokens = 0;
    let cost = 0;
    for (let c = 0; c < count; c++) {
      if (random.next() < errorRate) errorCalls++;
      const dear = p.dearShare > 0 && random.next() < p.dearShare;
      const tokens = Math.round(p.tokens * tokensFactor * Math.exp(TOKENS_SD * normal(random)));
      const latency = p.latencyMs * latencyFactor * (dear ? DEAR_LATENCY : 1) * Math.exp(LATENCY_SD * normal(random));
      const callCost = tokens * p.dollarsPerToken * costFactor * (dear ? DEAR_COST : 1);
      totalTokens += tokens;
      cost += callCost;
      hour.costs.push(callCost);
      hour.tokens.push(tokens);
      hour.latenciesMs.push(latency);
    }
    calls.set(t, hour);
    // Percentiles as the store reads them: interpolated in the rollups' latency histogram.
    const histogram = new Map<number, number>();
    for (const latency of hour.latenciesMs) {
      const bucket = latencyBucket(latency);
      histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
    }
    points.push({
      hourStart: START + t * HOUR_MS,
      calls: count,
      errorCalls,
      cost,
      totalTokens,
      p95LatencyMs: percentileFromHistogram(histogram, 0.95),
      p50LatencyMs: percentileFromHistogram(histogram, 0.5),
    });
  }
  return points;
}

/** The series' newest OWN_CALLS calls before hour `to` (within OWN_CALLS_DAYS), as measure-anomalies.ts reads them from the store. */
function ownCallsBefore(calls: HourCalls, to: number) {
  const own = { costs: [] as number[], tokens: [] as number[], latenciesMs: [] as number[] };
  for (let t = to - 1; t >= Math.max(0, to - OWN_CALLS_DAYS * DAY) && own.costs.length < OWN_CALLS; t--) {
    const hour = calls.get(t);
    if (hour === undefined) continue;
    for (let c = hour.costs.length - 1; c >= 0 && own.costs.length < OWN_CALLS; c--) {
      own.costs.push(hour.costs[c]);
      own.tokens.push(hour.tokens[c]);
      own.latenciesMs.push(hour.latenciesMs[c]);
    }
  }
  return own;
}

// ---- scoring ------------------------------------------------------------------------------

/** Usual calls an hour from which an anomaly counts as "busy" in the report: below it one hour's figures rest on few calls. */
const BUSY_CALLS = 20;
/** Lower bounds of the usual-calls bands in the second table (the last band is BUSY_CALLS and up). */
const BANDS = [0, 5, 10, BUSY_CALLS];

/** Flags of one series and metric at most this many hours apart count as one episode. */
const EPISODE_GAP = 3;

interface Tally {
  injected: number;
  detected: number;
  /** Anomalies at hours with at least BUSY_CALLS usual calls. */
  busy: number;
  busyDetected: number;
  falseAlarms: number;
  /** Injected and detected per band of usual calls (BANDS). */
  band: number[];
  bandDetected: number[];
  /** Anomalies the ideal detector finds (the sum of its chances), in all and per band. */
  ideal: number;
  bandIdeal: number[];
  /** Anomalies the ideal detector finds with a chance of ≥ DETECTABLE: the data shows them; and how many of those ours found. */
  detectable: number;
  detectableDetected: number;
}

const emptyTally = (): Tally => ({
  injected: 0,
  detected: 0,
  busy: 0,
  busyDetected: 0,
  falseAlarms: 0,
  band: BANDS.map(() => 0),
  bandDetected: BANDS.map(() => 0),
  ideal: 0,
  bandIdeal: BANDS.map(() => 0),
  detectable: 0,
  detectableDetected: 0,
});

/** Adds b's counts to a's. */
function addTally(a: Tally, b: Tally): void {
  a.injected += b.injected;
  a.detected += b.detected;
  a.busy += b.busy;
  a.busyDetected += b.busyDetected;
  a.falseAlarms += b.falseAlarms;
  a.ideal += b.ideal;
  a.detectable += b.detectable;
  a.detectableDetected += b.detectableDetected;
  b.band.forEach((n, k) => {
    a.band[k] += n;
    a.bandDetected[k] += b.bandDetected[k];
    a.bandIdeal[k] += b.bandIdeal[k];
  });
}

interface Run {
  tallies: Map<AnomalyMetric, Tally>;
  seriesWeeks: number;
  normalSeriesWeeks: number;
  normalSeriesFalseAlarms: number;
  /** The same, on normal series with the demo's rhythm. */
  demoSeriesWeeks: number;
  demoSeriesFalseAlarms: number;
  /** The same, on series mixing two kinds of calls (Profile.dearShare). */
  mixedSeriesWeeks: number;
  mixedSeriesFalseAlarms: number;
  /** False alarms merged into episodes (EPISODE_GAP). */
  falseEpisodes: number;
  /** False alarms in the EPISODE_GAP hours after an injected anomaly: its tail, which a window still holds. */
  afterAnomaly: number;
  seriesHours: number;
  seconds: number;
  missed: string[];
}

function runSeed(seed: number, threshold: number): Run {
  const random = createSeededRandom(seed * 7919 + 17);
  const hours = weeks * WEEK;
  const firstJudged = DEFAULT_DETECT_OPTIONS.minHistoryDays * DAY;
  const tallies = new Map(METRICS.map((m) => [m, emptyTally()]));
  const run: Run = {
    tallies,
    seriesWeeks: 0,
    normalSeriesWeeks: 0,
    normalSeriesFalseAlarms: 0,
    demoSeriesWeeks: 0,
    demoSeriesFalseAlarms: 0,
    mixedSeriesWeeks: 0,
    mixedSeriesFalseAlarms: 0,
    falseEpisodes: 0,
    afterAnomaly: 0,
    seriesHours: 0,
    seconds: 0,
    missed: [],
  };
  for (let s = 0; s < seriesCount; s++) {
    const profile = createProfile(s, random);
    // Models and agents alike: series 1, 2, 5, 6, … get anomalies.
    const anomalies = s % 4 === 1 || s % 4 === 2 ? planAnomalies(profile, hours, firstJudged + DAY, random) : [];
    const calls: HourCalls = new Map();
    const series = { ...profile.series, points: generatePoints(profile, hours, anomalies, random, calls) };
    const started = performance.now();
    const flagged = detectAnomaliesOverRange(series, START, START + (hours - 1) * HOUR_MS, {
      ...extraOptions,
      threshold,
    }).filter(
      (a) =>
        withoutOwnCalls ||
        !needsOwnCalls(a) ||
        beyondOwnCalls(a, ownCallsBefore(calls, (a.hourStart - START) / HOUR_MS - a.hours + 1)),
    );
    run.seconds += (performance.now() - started) / 1000;
    run.seriesHours += hours;
    const judgedWeeks = (hours - firstJudged) / WEEK;
    run.seriesWeeks += judgedWeeks;
    if (anomalies.length === 0) run.normalSeriesWeeks += judgedWeeks;
    if (anomalies.length === 0 && profile.demo) run.demoSeriesWeeks += judgedWeeks;
    if (profile.dearShare > 0) run.mixedSeriesWeeks += judgedWeeks;

    const hourOf = (a: Anomaly) => (a.hourStart - START) / HOUR_MS;
    for (const injected of anomalies) {
      const metric = KIND_METRIC[injected.kind];
      const tally = tallies.get(metric)!;
      const hit = flagged.some(
        (a) =>
          a.metric === metric &&
          hourOf(a) >= injected.from &&
          hourOf(a) < injected.to &&
          (a.direction === 'drop') === (injected.kind === 'calls-drop'),
      );
      const busy = injected.usualCalls >= BUSY_CALLS;
      tally.injected++;
      tally.detected += hit ? 1 : 0;
      tally.busy += busy ? 1 : 0;
      tally.busyDetected += busy && hit ? 1 : 0;
      const band = BANDS.findLastIndex((low) => injected.usualCalls >= low);
      const chance = idealChance(injected);
      tally.band[band]++;
      tally.bandDetected[band] += hit ? 1 : 0;
      tally.ideal += chance;
      tally.bandIdeal[band] += chance;
      if (chance >= DETECTABLE) {
        tally.detectable++;
        tally.detectableDetected += hit ? 1 : 0;
      }
      if (!hit) {
        run.missed.push(
          `${series.key} ${injected.kind} ×${injected.size.toFixed(2)} ${injected.to - injected.from} h from hour ${injected.from} (usual ${injected.usualCalls.toFixed(0)} calls, made ${injected.calls}; the ideal detector finds it ${(100 * chance).toFixed(0)}% of the time)`,
        );
      }
    }
    const lastFalseAlarm = new Map<AnomalyMetric, number>();
    for (const a of flagged) {
      const t = hourOf(a);
      if (anomalies.some((i) => t >= i.from && t < i.to)) continue;
      tallies.get(a.metric)!.falseAlarms++;
      // A notification per episode: flags of one metric at most EPISODE_GAP hours apart are one.
      if (t - (lastFalseAlarm.get(a.metric) ?? Number.NEGATIVE_INFINITY) > EPISODE_GAP) run.falseEpisodes++;
      lastFalseAlarm.set(a.metric, t);
      if (anomalies.some((i) => t >= i.to && t < i.to + EPISODE_GAP)) run.afterAnomaly++;
      if (anomalies.length === 0) run.normalSeriesFalseAlarms++;
      if (anomalies.length === 0 && profile.demo) run.demoSeriesFalseAlarms++;
      if (profile.dearShare > 0) run.mixedSeriesFalseAlarms++;
      if (verbose)
        process.stderr.write(
          `false alarm: ${new Date(a.hourStart).toISOString()} ${a.reason} (z ${a.score.toFixed(1)})\n`,
        );
    }
  }
  return run;
}

/** Live use judges one hour at a time: detectAnomalies on the full history, per series-hour. */
function timeSingleHour(): number {
  const random = createSeededRandom(99);
  const profile = createProfile(1, random);
  const series = { ...profile.series, points: generatePoints(profile, weeks * WEEK, [], random) };
  const last = START + (weeks * WEEK - 1) * HOUR_MS;
  const rounds = 2000;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) detectAnomalies(series, last - (r % WEEK) * HOUR_MS);
  return rounds / ((performance.now() - started) / 1000);
}

// ---- report -------------------------------------------------------------------------------

const percent = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

for (const threshold of thresholds) {
  const runs = seeds.map((seed) => runSeed(seed, threshold));
  const total = emptyTally();
  const byMetric = new Map(METRICS.map((m) => [m, emptyTally()]));
  for (const run of runs) {
    for (const [metric, t] of run.tallies) {
      addTally(byMetric.get(metric)!, t);
      addTally(total, t);
    }
  }
  const seriesWeeks = runs.reduce((s, r) => s + r.seriesWeeks, 0);
  const normalWeeks = runs.reduce((s, r) => s + r.normalSeriesWeeks, 0);
  const normalAlarms = runs.reduce((s, r) => s + r.normalSeriesFalseAlarms, 0);
  const demoWeeks = runs.reduce((s, r) => s + r.demoSeriesWeeks, 0);
  const demoAlarms = runs.reduce((s, r) => s + r.demoSeriesFalseAlarms, 0);
  const mixedWeeks = runs.reduce((s, r) => s + r.mixedSeriesWeeks, 0);
  const mixedAlarms = runs.reduce((s, r) => s + r.mixedSeriesFalseAlarms, 0);
  const episodes = runs.reduce((s, r) => s + r.falseEpisodes, 0);
  const afterAnomaly = runs.reduce((s, r) => s + r.afterAnomaly, 0);
  const fleetWeeks = seriesWeeks / seriesCount;
  const seriesHours = runs.reduce((s, r) => s + r.seriesHours, 0);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  if (listMissed) for (const run of runs) for (const m of run.missed) process.stderr.write(`missed: ${m}\n`);

  console.log(
    `\nAnomaly detection, seeds ${seeds.join(',')}${seeds.includes(1) ? ' (1 is the validation seed)' : ''}: ${seriesCount} series × ${weeks} weeks per seed, half with anomalies; threshold ${threshold} (node ${process.version})\n`,
  );
  console.log(
    `| metric | recall | at ≥ ${BUSY_CALLS} usual calls/h | at < ${BUSY_CALLS} | false alarms | per series-week |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const row = (name: string, t: Tally) =>
    console.log(
      `| ${name} | ${percent(t.detected, t.injected)} (${t.detected}/${t.injected}) | ${percent(t.busyDetected, t.busy)} (${t.busyDetected}/${t.busy}) | ${percent(t.detected - t.busyDetected, t.injected - t.busy)} (${t.detected - t.busyDetected}/${t.injected - t.busy}) | ${t.falseAlarms} | ${(t.falseAlarms / seriesWeeks).toFixed(3)} |`,
    );
  for (const [metric, t] of byMetric) row(metric, t);
  row('**all**', total);
  // Recall by the usual calls an hour at the anomaly, and from 5 and 10 calls an hour up.
  const bandName = (k: number) => (k === BANDS.length - 1 ? `≥ ${BANDS[k]}` : `${BANDS[k]}–${BANDS[k + 1]}`);
  const from = (t: Tally, low: number) => {
    const k = BANDS.indexOf(low);
    const sum = (xs: number[]) => xs.slice(k).reduce((a, b) => a + b, 0);
    return `${percent(sum(t.bandDetected), sum(t.band))} (${sum(t.bandDetected)}/${sum(t.band)})`;
  };
  console.log(
    `\n| metric | ${BANDS.map((_, k) => `${bandName(k)} usual calls/h`).join(' | ')} | ≥ 5 | ≥ 10 |\n| --- |${' ---: |'.repeat(BANDS.length + 2)}`,
  );
  const bandRow = (name: string, t: Tally) =>
    console.log(
      `| ${name} | ${BANDS.map((_, k) => `${percent(t.bandDetected[k], t.band[k])} (${t.bandDetected[k]}/${t.band[k]})`).join(' | ')} | ${from(t, 5)} | ${from(t, 10)} |`,
    );
  for (const [metric, t] of byMetric) bandRow(metric, t);
  bandRow('**all**', total);
  // The ceiling: what the ideal detector (idealChance) would find, and ours as a share of it.
  console.log(
    `\n| metric | ideal detector: all | ${BANDS.map((_, k) => bandName(k)).join(' | ')} | ours ÷ ideal | ours, of those the ideal finds ≥ ${DETECTABLE * 100}% of the time |\n| --- |${' ---: |'.repeat(BANDS.length + 3)}`,
  );
  const idealRow = (name: string, t: Tally) =>
    console.log(
      `| ${name} | ${percent(t.ideal, t.injected)} | ${BANDS.map((_, k) => percent(t.bandIdeal[k], t.band[k])).join(' | ')} | ${percent(t.detected, t.ideal)} | ${percent(t.detectableDetected, t.detectable)} (${t.detectableDetected}/${t.detectable}) |`,
    );
  for (const [metric, t] of byMetric) idealRow(metric, t);
  idealRow('**all**', total);
  console.log(
    `\nJudged: ${formatNumber(seriesWeeks, 1)} series-weeks (${formatNumber(normalWeeks, 1)} on series without anomalies: ${normalAlarms} false alarms, ${(normalAlarms / normalWeeks).toFixed(3)} per series-week; ${formatNumber(demoWeeks, 1)} of those with the demo's rhythm: ${demoAlarms}, ${(demoAlarms / demoWeeks).toFixed(3)} per series-week; ${formatNumber(mixedWeeks, 1)} of those mixing two kinds of calls: ${mixedAlarms}, ${(mixedAlarms / mixedWeeks).toFixed(3)} per series-week).`,
  );
  console.log(
    `All false alarms as episodes (flags ≤ ${EPISODE_GAP} h apart merged): ${episodes}, ${(episodes / seriesWeeks).toFixed(3)} per series-week, ${(episodes / fleetWeeks).toFixed(1)} per week across ${seriesCount} series; ${afterAnomaly} of the false alarms fall in the ${EPISODE_GAP} h after an injected anomaly.`,
  );
  console.log(
    `Runtime: detectAnomaliesOverRange ${formatNumber(seriesHours / seconds, 0)} series-hours/s (${formatNumber(seriesHours, 0)} in ${seconds.toFixed(2)} s).`,
  );
}
console.log(`detectAnomalies on one hour of a ${weeks}-week history: ${formatNumber(timeSingleHour(), 0)} calls/s.`);
