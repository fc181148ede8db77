/**
 * Anomaly detection on one series' hourly rollups (a model or an agent), for five metrics.
 *
 * Usual value: the median of the same hour in the previous 4 weeks and 6 days, so night,
 * working day and weekend each meet their own kind; calls and cost first scaled to today's
 * level (a week-old value by the growth since, a day-old one by how the two hours compared in
 * earlier weeks); rates from those hours with enough calls (the error rate pooled over them).
 * Spread: 1.4826 × MAD of how far this series' hours at this time of day (±3 h over 7 days,
 * about as many calls: ~40 residuals) stood from their usual values, floored at counting noise
 * (n calls vary by √n; a mean, cost or p95 of n calls by ~1/√n) and at 10%. Scales: log for
 * calls, cost, latency, tokens and cost per call (zero calls counts as one), 2√(errors + 3/8) for
 * errors.
 * Score: |value − usual| / spread; 3.5 or more flags the hour if the change also matters: a
 * spike at least doubles (an error rate: +5 points); only calls are judged for drops (an
 * outage: no rollup is zero calls), to a quarter or less, and only when so few calls would be
 * rare (Poisson chance ≤ 3.4e-6) at the usual rate, which needs ~13 usual calls or more.
 * Where the cost flags nothing it is judged again per call (cost ÷ calls, like tokens per call),
 * which the call count's own variation does not blur: a ×5 call shows at a few calls an hour.
 * Quiet hours (< 30 usual calls), where one hour rests on a handful of calls: a metric the hour
 * alone does not flag is judged the same way over the last 2, 3 and 4 hours summed (up to the
 * first window with ≥ 25 usual calls) against the same windows on earlier days and weeks; the
 * hour is flagged, naming the window, when a window is and the hour itself moved the same way
 * by as much as matters (so not an ordinary hour after a spike). Calls are judged there for
 * drops only (more calls show in the cost when they matter; alone they were noise). Latency
 * there is also judged by the median call (≥ 3 calls), hour then windows, when its p95 flags
 * nothing: the p95 of a few calls is their slowest and moves with how many there were.
 * A rise per call at a few calls (cost, tokens, latency; an hour's cost at a few usual calls)
 * carries its callFigures: measure-anomalies.ts judges it once more against the series' own
 * calls (judge-by-own-calls.ts), since a mix of cheap and dear calls looks like a change here.
 * A median rise must also pass the usual p95 (beyondUsualOf).
 * Guards: no judgement before 14 days of history; the error rate needs ≥ 20 calls in the hour
 * or window, p95 ≥ 10, the median ≥ 3, tokens and cost per call ≥ 3. The usual range reported
 * is usual ± 2 spreads.
 * Thresholds were chosen on bench/anomaly-detection.ts's validation seed and are reported on
 * other seeds (BENCHMARKS.md, "Anomaly detection").
 */

import { ANOMALY_METRIC_NAMES, type AnomalyMetric } from '../../shared/alert-rule.js';
import { formatDollars } from './format-dollars.js';
import { poissonCdf } from './statistics.js';

export type { AnomalyMetric };

export interface HourlyPoint {
  /** Start of the UTC hour, epoch ms. */
  hourStart: number;
  calls: number;
  errorCalls: number;
  /** US dollars. */
  cost: number;
  totalTokens: number;
  /** Null when no calls. */
  p95LatencyMs: number | null;
  /** The hour's median latency, null when no calls: judged at quiet hours, where a p95 rests on a call or two. */
  p50LatencyMs: number | null;
}

export interface HourlySeries {
  /** e.g. 'model:gpt-4o' or 'agent:Planner'. */
  key: string;
  /** How the reason names it, e.g. 'gpt-4o'. */
  label: string;
  /** History up to the judged hour, one point per hour with calls; a missing hour had none. */
  points: readonly HourlyPoint[];
}

export interface Anomaly {
  seriesKey: string;
  metric: AnomalyMetric;
  hourStart: number;
  /** The hour's value, or the window's when judged over the last hours (the reason names them). */
  value: number;
  /** The usual range of that hour or window (baseline band), in the metric's unit. */
  expectedLow: number;
  expectedHigh: number;
  direction: 'spike' | 'drop';
  /** How far outside, in robust z: |value − usual| / spread (1.4826 · MAD, floored), on the metric's scale. */
  score: number;
  /** Human reason, e.g. "gpt-4o cost this hour $4.10, usual $0.30–$0.55" or "… the last 3 hours …". */
  reason: string;
  /** Hours judged: 1, or a window's 2–4 ending at hourStart. */
  hours: number;
  /** Calls in those hours, and how many are usual there (NaN when unknown). */
  calls: number;
  usualCalls: number;
  /**
   * For a rise per call, the figures that show it as read from single calls, the anomaly's own
   * first (judge-by-own-calls.ts draws them from the series' own calls; one rare one suffices).
   */
  callFigures?: ReadCallFigure[];
}

/**
 * A figure of a few calls as read from the calls themselves: the mean of their costs or tokens,
 * a percentile of their latencies, or the total cost of as many calls as are usual (a count
 * that varies as counts do).
 */
export interface CallFigure {
  of: 'costs' | 'tokens' | 'latenciesMs';
  statistic: 'mean' | 'p50' | 'p95' | 'usualTotal';
}

/** A figure per call and the value the hour or window had. */
export interface ReadCallFigure extends CallFigure {
  value: number;
}

export interface DetectOptions {
  /** Score at or above which an hour is flagged (default 3.5). */
  threshold?: number;
  /** Days of history before any hour is judged (default 14). */
  minHistoryDays?: number;
  /** Calls in the hour (or window) below which the error rate is not judged (default 20). */
  minCallsForErrorRate?: number;
  /** Calls in the hour (or window) below which p95 latency is not judged (default 10). */
  minCallsForLatency?: number;
  /** Calls in a quiet hour (or window) below which its median latency is not judged either (default 3). */
  minCallsForMedianLatency?: number;
  /** Calls in the hour (or window) below which tokens and cost per call are not judged (default 3). */
  minCallsForTokens?: number;
}

export const DEFAULT_DETECT_OPTIONS: Required<DetectOptions> = {
  threshold: 3.5,
  minHistoryDays: 14,
  minCallsForErrorRate: 20,
  minCallsForLatency: 10,
  minCallsForMedianLatency: 3,
  minCallsForTokens: 3,
};

const HOUR_MS = 3_600_000;
const DAY = 24;
const WEEK = 168;
/** Same-hour-of-week values in the usual value. */
const BASELINE_WEEKS = 4;
/** Same-hour-of-day values in the usual value (the 7th day back is the first week). */
const BASELINE_DAYS = 6;
/** Residuals behind the spread: hours within ±SPREAD_HOURS of this time of day, over SPREAD_DAYS days. */
const SPREAD_HOURS = 3;
const SPREAD_DAYS = 7;
/** Hours count as alike in volume within this factor of each other's usual calls. */
const SIMILAR_VOLUME = 1.5;
/** Residuals needed for the pooled spread; with fewer, the floor alone stands. */
const MIN_RESIDUALS = 12;
/** Windows of the last k hours judged at a quiet hour, shortest first. */
const WINDOW_HOURS = [2, 3, 4];
/** An hour with fewer usual calls than this is also judged over the windows ending at it. */
const WINDOW_BELOW_CALLS = 30;
/** Windows stop growing at the first whose usual calls reach this. */
const WINDOW_TARGET_CALLS = 25;
/**
 * Hours of history before the judged hour that a judgement reads (~6 weeks: the spread's
 * oldest hour, that hour's oldest level, and the longest window before it): load this much
 * before the first hour judged.
 */
export const ANOMALY_HISTORY_HOURS =
  SPREAD_DAYS * DAY + SPREAD_HOURS + WEEK * (BASELINE_WEEKS + 1) + WINDOW_HOURS[WINDOW_HOURS.length - 1];
/** Usual values needed to judge a metric. */
const MIN_BASELINE_VALUES = 4;
/** MAD → standard deviation for normal data. */
const MAD_TO_SD = 1.4826;
/** The least spread on a log scale: a ±10% wobble never alarms. */
const RELATIVE_SPREAD_FLOOR = 0.1;
/** Relative noise of an hour's cost per √calls: calls' costs spread about as widely as their mean. */
const COST_NOISE = 1.4;
/**
 * Relative noise of a mean per call (tokens, cost) per √calls: calls whose tokens vary by ×1.8
 * either way (0.6 on a log scale) give a mean that varies by ~0.7/√n.
 */
const PER_CALL_NOISE = 0.8;
/** Relative noise of a median latency per √calls. */
const MEDIAN_NOISE = 0.8;
/** Relative noise of a p95 latency per √calls (it rests on the slowest few calls). */
const P95_NOISE = 1.4;
/** An error rate alarms only this far above usual: a 1% → 3% day is not an incident. */
const MIN_ERROR_RATE_RISE = 0.05;
/** A spike must at least double the usual value (the error rate: rise by MIN_ERROR_RATE_RISE). */
const MIN_SPIKE_RATIO = 2;
/** A drop must fall to a quarter of the usual calls or below, */
const MAX_DROP_SHARE = 0.25;
/**
 * and to a count of calls this unlikely at the usual rate (a normal tail beyond 4.5 sd): from
 * ~13 usual calls for none at all, ~20 for 3. Stricter than the threshold, as the usual rate is
 * itself an estimate and every quiet hour and window is a test.
 */
const MAX_DROP_CHANCE = 3.4e-6;
/** Half-width of the reported usual range, in spreads. */
const USUAL_BAND_SPREADS = 2;

/**
 * Judge one hour of one series: the anomalies of `hour` (epoch ms, start of a UTC hour),
 * at most one per metric. Pure: `points` is the history up to and including `hour`.
 *
 * @example
 * detectAnomalies({ key: 'model:gpt-4o', label: 'gpt-4o', points }, Date.UTC(2026, 11, 6, 14));
 * // → [{ metric: 'cost', direction: 'spike', reason: 'gpt-4o cost this hour $4.10, usual $0.30–$0.55', … }]
 */
export function detectAnomalies(series: HourlySeries, hour: number, options: DetectOptions = {}): Anomaly[] {
  const history = buildHistory(series.points, hour, hour);
  if (history === null) return [];
  return judgeHour(series, history, history.length - 1, { ...DEFAULT_DETECT_OPTIONS, ...options });
}

/**
 * Every hour from `from` to `to` (inclusive) judged as detectAnomalies judges it, sharing the
 * work between hours: for chart markers and the benchmark.
 */
export function detectAnomaliesOverRange(
  series: HourlySeries,
  from: number,
  to: number,
  options: DetectOptions = {},
): Anomaly[] {
  const history = buildHistory(series.points, from, to);
  if (history === null) return [];
  const settings = { ...DEFAULT_DETECT_OPTIONS, ...options };
  const anomalies: Anomaly[] = [];
  const first = Math.max(0, Math.ceil((from - history.start) / HOUR_MS));
  for (let i = first; i < history.length; i++) anomalies.push(...judgeHour(series, history, i, settings));
  return anomalies;
}

/**
 * Dense hourly arrays over the hours a judgement reads (missing hours are zero), with running
 * sums; or the same for windows: index i then holds the `hours` hours ending at hour i.
 */
interface History {
  /** hourStart of the series' first point: how much history there is. */
  firstHour: number;
  /** hourStart of index 0: the first point, or ANOMALY_HISTORY_HOURS before `from` when that is later. */
  start: number;
  length: number;
  /** 1 for hours, k for windows of k hours. */
  hours: number;
  calls: Float64Array;
  errorCalls: Float64Array;
  cost: Float64Array;
  tokens: Float64Array;
  /** The hour's p95 and median latency (see Latency). */
  p95: Latency;
  p50: Latency;
  /** sums.x[i] = x[0] + … + x[i − 1]. */
  sums: { calls: Float64Array; cost: Float64Array };
  /** Each metric model's usual value per hour (by model key), computed once (undefined: not yet; NaN: unknown). */
  usual: Record<ModelKey, (number | undefined)[]>;
  /** The median day of calls and of cost over the week before each hour, computed once. */
  level: { calls: (number | undefined)[]; cost: (number | undefined)[] };
  /** Each metric model's value − usual per hour on its scale (by model key), computed once. */
  residual: Record<ModelKey, (number | undefined)[]>;
  /** The windows of k hours over the same hours (on hourly histories only), built on first use. */
  windows: Map<number, History>;
}

/** A latency percentile per hour: NaN where there were no calls; for a window, the call-weighted geometric mean of its hours'. */
interface Latency {
  value: Float64Array;
  /** Σ calls × log(value + 1 ms) and Σ calls over the hours with a value: how a window's is built. */
  log: Float64Array;
  calls: Float64Array;
}

/** A metric model's memo key: its metric, or for the second latency model its own. */
type ModelKey = AnomalyMetric | 'p50LatencyMs' | 'costPerCall';

function emptyMemos(): Record<ModelKey, (number | undefined)[]> {
  return {
    calls: [],
    cost: [],
    costPerCall: [],
    errorRate: [],
    p95LatencyMs: [],
    p50LatencyMs: [],
    tokensPerCall: [],
  };
}

function emptyLatency(length: number): Latency {
  return {
    value: new Float64Array(length).fill(Number.NaN),
    log: new Float64Array(length),
    calls: new Float64Array(length),
  };
}

/** Weights of the hours that have a value, for windows. */
function weighLatency(latency: Latency, calls: Float64Array): void {
  for (let i = 0; i < calls.length; i++) {
    if (Number.isNaN(latency.value[i])) continue;
    latency.log[i] = calls[i] * Math.log(latency.value[i] + 1);
    latency.calls[i] = calls[i];
  }
}

function buildHistory(points: readonly HourlyPoint[], from: number, until: number): History | null {
  let firstHour = Number.POSITIVE_INFINITY;
  for (const p of points) if (p.hourStart <= until && p.hourStart < firstHour) firstHour = p.hourStart;
  if (firstHour === Number.POSITIVE_INFINITY) return null;
  const start = Math.max(firstHour, from - ANOMALY_HISTORY_HOURS * HOUR_MS);
  const length = Math.floor((until - start) / HOUR_MS) + 1;
  const history = emptyHistory(firstHour, start, length, 1);
  for (const p of points) {
    const i = Math.round((p.hourStart - start) / HOUR_MS);
    if (i < 0 || i >= length) continue;
    history.calls[i] += p.calls;
    history.errorCalls[i] += p.errorCalls;
    history.cost[i] += p.cost;
    history.tokens[i] += p.totalTokens;
    if (p.p95LatencyMs !== null && p.calls > 0) history.p95.value[i] = p.p95LatencyMs;
    if (p.p50LatencyMs !== null && p.calls > 0) history.p50.value[i] = p.p50LatencyMs;
  }
  weighLatency(history.p95, history.calls);
  weighLatency(history.p50, history.calls);
  return addSums(history);
}

function emptyHistory(firstHour: number, start: number, length: number, hours: number): History {
  return {
    firstHour,
    start,
    length,
    hours,
    calls: new Float64Array(length),
    errorCalls: new Float64Array(length),
    cost: new Float64Array(length),
    tokens: new Float64Array(length),
    p95: emptyLatency(length),
    p50: emptyLatency(length),
    sums: { calls: new Float64Array(length + 1), cost: new Float64Array(length + 1) },
    usual: emptyMemos(),
    residual: emptyMemos(),
    level: { calls: [], cost: [] },
    windows: new Map(),
  };
}

function addSums(history: History): History {
  for (let i = 0; i < history.length; i++) {
    history.sums.calls[i + 1] = history.sums.calls[i] + history.calls[i];
    history.sums.cost[i + 1] = history.sums.cost[i] + history.cost[i];
  }
  return history;
}

/**
 * The windows of the last `hours` hours of an hourly history, built once, each from the window
 * an hour shorter plus its first hour: the same figures whatever the history's start. Index i
 * reads hours i − hours + 1 … i, which ANOMALY_HISTORY_HOURS leaves room for.
 */
function windowOf(h: History, hours: number): History {
  let window = h.windows.get(hours);
  if (window !== undefined) return window;
  const shorter = hours === 2 ? h : windowOf(h, hours - 1);
  window = emptyHistory(h.firstHour, h.start, h.length, hours);
  const add = (to: Float64Array, from: Float64Array, hourly: Float64Array) => {
    for (let i = 0; i < h.length; i++) to[i] = i >= hours - 1 ? from[i] + hourly[i - hours + 1] : from[i];
  };
  add(window.calls, shorter.calls, h.calls);
  add(window.errorCalls, shorter.errorCalls, h.errorCalls);
  add(window.cost, shorter.cost, h.cost);
  add(window.tokens, shorter.tokens, h.tokens);
  for (const which of ['p95', 'p50'] as const) {
    const latency = window[which];
    add(latency.log, shorter[which].log, h[which].log);
    add(latency.calls, shorter[which].calls, h[which].calls);
    for (let i = 0; i < h.length; i++) {
      if (latency.calls[i] > 0) latency.value[i] = Math.exp(latency.log[i] / latency.calls[i]) - 1;
    }
  }
  h.windows.set(hours, addSums(window));
  return window;
}

type Settings = Required<DetectOptions>;

/** How one metric is read, scaled and floored; every function reads only hours ≤ j. */
interface MetricModel {
  metric: AnomalyMetric;
  /** What the reason calls the figure, when not the metric's own name (the median latency stands in for the p95). */
  name?: string;
  /** Its memos' key. */
  key: ModelKey;
  /** Judged at quiet hours only (usual calls < WINDOW_BELOW_CALLS), when the metric's first model found nothing. */
  quietOnly?: boolean;
  /** Whether the figure is per call (a rate), not a volume. */
  perCall: boolean;
  /** A figure per call: how it and the figures that show it too are read from single calls, at hour (or window) j. */
  callFigures?(h: History, j: number, value: number): ReadCallFigure[];
  /** The figure at hour j however few its calls, NaN when it has none. */
  raw(h: History, j: number): number;
  /** The value at hour j, NaN when j cannot be judged (too few calls). */
  value(h: History, j: number, settings: Settings): number;
  /** The usual value at hour j from earlier hours, NaN when too few are known. */
  usual(h: History, j: number, settings: Settings): number;
  /** Where hour j's value is compared with its usual one. */
  scale(h: History, j: number): Scale;
  /** The least spread at hour j on that scale, given the usual value. */
  floor(h: History, j: number, usual: number): number;
  /** Whether a rise is large enough to matter, beyond its score. */
  material(value: number, usual: number): boolean;
  /** A spike must also exceed the usual value of this model (by key). */
  beyondUsualOf?: ModelKey;
  /** Whether a fall is large enough to be news (default: falls are not). */
  drops?(value: number, usual: number): boolean;
}

const MODELS: MetricModel[] = [
  {
    metric: 'calls',
    key: 'calls',
    perCall: false,
    raw: (h, j) => h.calls[j],
    value: (h, j) => h.calls[j],
    usual: (h, j) => usualCalls(h, j),
    // One call added so that zero calls is a value (and a drop to it is far out).
    scale: () => logScale(1),
    floor: (_h, _j, usual) => volumeNoise(1, usual),
    material: doubled,
    // A drop must also be a rare count of calls at the usual rate (Poisson): the log scale's
    // normal approximation overstates how rare a few calls are when a dozen are usual.
    drops: (value, usual) => value <= MAX_DROP_SHARE * usual && poissonCdf(Math.round(value), usual) <= MAX_DROP_CHANCE,
  },
  {
    metric: 'cost',
    key: 'cost',
    perCall: false,
    // A few calls' cost swings with their mix (one dear call among cheap ones).
    callFigures: figureOf('costs', 'usualTotal'),
    raw: (h, j) => h.cost[j],
    value: (h, j) => (costPerCall(h, j) > 0 ? h.cost[j] : Number.NaN),
    usual: (h, j) => medianOf(volumeBaseline(h, j, 'cost')),
    scale: (h, j) => logScale(costPerCall(h, j)),
    floor: (h, j) => volumeNoise(COST_NOISE, usualCalls(h, j)),
    material: doubled,
  },
  {
    metric: 'errorRate',
    key: 'errorRate',
    perCall: true,
    raw: (h, j) => (h.calls[j] > 0 ? h.errorCalls[j] / h.calls[j] : Number.NaN),
    value: (h, j, settings) =>
      h.calls[j] >= settings.minCallsForErrorRate ? h.errorCalls[j] / h.calls[j] : Number.NaN,
    usual: (h, j, settings) => {
      // Pooled over the earlier hours with enough calls, less the worst one (an earlier burst).
      const hours = referenceHours(j).filter((r) => h.calls[r] >= settings.minCallsForErrorRate);
      if (hours.length < MIN_BASELINE_VALUES) return Number.NaN;
      let worst = hours[0];
      for (const r of hours) if (h.errorCalls[r] / h.calls[r] > h.errorCalls[worst] / h.calls[worst]) worst = r;
      let errors = 0;
      let calls = 0;
      for (const r of hours) {
        if (r === worst) continue;
        errors += h.errorCalls[r];
        calls += h.calls[r];
      }
      return errors / calls;
    },
    // Errors in an hour are a count: on its square-root scale the spread of chance is 1.
    scale: (h, j) => countScale(h.calls[j]),
    floor: () => 1,
    material: (value, usual) => value - usual >= MIN_ERROR_RATE_RISE,
  },
  {
    metric: 'p95LatencyMs',
    key: 'p95LatencyMs',
    perCall: true,
    // The slowest calls of a mix (a few long answers) already make a high p95: then a rise
    // of every call shows in the median.
    callFigures: (h, j, value) => [
      { of: 'latenciesMs', statistic: 'p95', value },
      { of: 'latenciesMs', statistic: 'p50', value: h.p50.value[j] },
    ],
    raw: (h, j) => h.p95.value[j],
    value: (h, j, settings) => (h.calls[j] >= settings.minCallsForLatency ? h.p95.value[j] : Number.NaN),
    usual: (h, j, settings) =>
      medianOf(
        referenceHours(j)
          .filter((r) => h.calls[r] >= settings.minCallsForLatency && !Number.isNaN(h.p95.value[r]))
          .map((r) => h.p95.value[r]),
      ),
    // One millisecond added so that a p95 of 0 (answers from a cache) is a value.
    scale: () => logScale(1),
    floor: (h, j) => countingNoise(P95_NOISE, h.calls[j]),
    material: doubled,
  },
  {
    // A p95 of a few calls is their slowest one, and moves with how many there were; their
    // median does not, so at quiet hours the latency is also judged by it.
    metric: 'p95LatencyMs',
    name: 'median latency',
    key: 'p50LatencyMs',
    quietOnly: true,
    perCall: true,
    callFigures: figureOf('latenciesMs', 'p50'),
    // Calls can be of two kinds (short and long answers, cached and not): a median of a few
    // then swings between them. Slower than the usual p95, it is not the long kind alone.
    beyondUsualOf: 'p95LatencyMs',
    raw: (h, j) => h.p50.value[j],
    value: (h, j, settings) => (h.calls[j] >= settings.minCallsForMedianLatency ? h.p50.value[j] : Number.NaN),
    usual: (h, j, settings) =>
      medianOf(
        referenceHours(j)
          .filter((r) => h.calls[r] >= settings.minCallsForMedianLatency && !Number.isNaN(h.p50.value[r]))
          .map((r) => h.p50.value[r]),
      ),
    scale: () => logScale(1),
    floor: (h, j) => countingNoise(MEDIAN_NOISE, h.calls[j]),
    material: doubled,
  },
  perCallModel({
    metric: 'tokensPerCall',
    key: 'tokensPerCall',
    callFigures: figureOf('tokens', 'mean'),
    total: (h) => h.tokens,
    offset: () => 1,
  }),
  // An hour's cost moves with how many calls it had, which hides a ×5 call at a few calls an
  // hour; so where the cost flags nothing it is judged again per call, like tokens.
  perCallModel({
    metric: 'cost',
    name: 'cost per call',
    key: 'costPerCall',
    callFigures: figureOf('costs', 'mean'),
    total: (h) => h.cost,
    // A hundredth of a usual call's cost, so that a free call (cost 0) is a value.
    offset: (h, j) => costPerCall(h, j) / 100,
  }),
];

/** The anomaly's own value read as `statistic` of single calls' `of`. */
function figureOf(of: CallFigure['of'], statistic: CallFigure['statistic']): MetricModel['callFigures'] {
  return (_h, _j, value) => [{ of, statistic, value }];
}

/**
 * A total per call (tokens, cost) at hours with settings.minCallsForTokens calls or more, on a
 * log scale offset by `offset`, floored by the counting noise of a mean of n calls.
 */
function perCallModel({
  total,
  offset,
  ...names
}: {
  metric: AnomalyMetric;
  name?: string;
  key: ModelKey;
  callFigures: MetricModel['callFigures'];
  total: (h: History) => Float64Array;
  offset: (h: History, j: number) => number;
}): MetricModel {
  const enough = (h: History, j: number, settings: Settings) =>
    h.calls[j] >= settings.minCallsForTokens && offset(h, j) > 0;
  return {
    ...names,
    perCall: true,
    raw: (h, j) => (h.calls[j] > 0 ? total(h)[j] / h.calls[j] : Number.NaN),
    value: (h, j, settings) => (enough(h, j, settings) ? total(h)[j] / h.calls[j] : Number.NaN),
    usual: (h, j, settings) =>
      medianOf(
        referenceHours(j)
          .filter((r) => enough(h, r, settings))
          .map((r) => total(h)[r] / h.calls[r]),
      ),
    scale: (h, j) => logScale(offset(h, j)),
    floor: (h, j) => countingNoise(PER_CALL_NOISE, h.calls[j]),
    material: doubled,
  };
}

/**
 * The anomalies at index `i`, reading only indices in [i − ANOMALY_HISTORY_HOURS, i], so a
 * range gives what each hour gave live. At a quiet hour a metric the hour alone does not flag
 * is judged over the windows ending at it (shortest first, until one holds enough usual calls);
 * the window scoring highest is reported, if the hour itself shows the change that matters.
 */
function judgeHour(series: HourlySeries, h: History, i: number, settings: Settings): Anomaly[] {
  const hourStart = h.start + i * HOUR_MS;
  if (hourStart - h.firstHour < settings.minHistoryDays * DAY * HOUR_MS) return [];
  const found: Anomaly[] = [];
  const windows = windowsAt(h, i);
  const quiet = usualCalls(h, i) < WINDOW_BELOW_CALLS;
  for (const model of MODELS) {
    // One anomaly per metric: a second model of a metric only where the first found none.
    if ((model.quietOnly && !quiet) || found.some((a) => a.metric === model.metric)) continue;
    const best = judge(model, h, i, settings) ?? judgeWindows(model, h, windows, i, settings);
    if (best === null) continue;
    found.push({
      seriesKey: series.key,
      metric: model.metric,
      hourStart,
      value: best.value,
      expectedLow: best.expectedLow,
      expectedHigh: best.expectedHigh,
      direction: best.direction,
      score: best.score,
      reason: describe(series.label, model, best),
      hours: best.h.hours,
      calls: best.h.calls[best.i],
      usualCalls: usualCalls(best.h, best.i),
      ...(model.callFigures && { callFigures: model.callFigures(best.h, best.i, best.value) }),
    });
  }
  return found;
}

/** The highest-scoring flagged window ending at hour i that hour i itself moved with, or null. */
function judgeWindows(
  model: MetricModel,
  h: History,
  windows: readonly History[],
  i: number,
  settings: Settings,
): Judged | null {
  let best: Judged | null = null;
  for (const window of windows) {
    const moved = hourMove(model, h, window, i, settings);
    // More calls than usual at a quiet time shows in the cost when it matters; alone it was noise.
    if (moved === null || (model.metric === 'calls' && moved === 'spike')) continue;
    const judged = judge(model, window, i, settings);
    if (judged?.direction === moved && (best === null || judged.score > best.score)) best = judged;
  }
  return best;
}

/** A flagged hour or window: its figures, and where it was read. */
interface Judged {
  h: History;
  i: number;
  value: number;
  expectedLow: number;
  expectedHigh: number;
  direction: 'spike' | 'drop';
  score: number;
}

/** Index i of `h` (an hour, or the window ending there) against its usual value; null when not flagged. */
function judge(model: MetricModel, h: History, i: number, settings: Settings): Judged | null {
  const value = model.value(h, i, settings);
  if (Number.isNaN(value)) return null;
  const usual = usualAt(model, h, i, settings);
  if (Number.isNaN(usual)) return null;
  const scale = model.scale(h, i);
  const centre = scale.to(usual);
  const floor = model.floor(h, i, usual);
  // The spread is at least the floor: a change the floor alone keeps in range needs no spread.
  const spike = model.material(value, usual);
  const drop = model.drops?.(value, usual) ?? false;
  const reach = (scale.to(value) - centre) / floor;
  if (!(spike && reach >= settings.threshold) && !(drop && -reach >= settings.threshold)) return null;
  const spread = Math.max(spreadAt(model, h, i, settings), floor);
  const z = (scale.to(value) - centre) / spread;
  if (!(spike && z >= settings.threshold) && !(drop && -z >= settings.threshold)) return null;
  const beyond = model.beyondUsualOf && MODELS.find((other) => other.key === model.beyondUsualOf);
  if (beyond && z > 0 && !(value > usualAt(beyond, h, i, settings))) return null;
  const high = scale.from(centre + USUAL_BAND_SPREADS * spread);
  return {
    h,
    i,
    value,
    expectedLow: scale.from(centre - USUAL_BAND_SPREADS * spread),
    expectedHigh: model.metric === 'errorRate' ? Math.min(1, high) : high,
    direction: z > 0 ? 'spike' : 'drop',
    score: Math.abs(z),
  };
}

/**
 * The windows judged at hour i: none at an hour with WINDOW_BELOW_CALLS usual calls or more,
 * else the shortest up to the first whose usual calls reach WINDOW_TARGET_CALLS.
 */
function windowsAt(h: History, i: number): History[] {
  const usual = usualCalls(h, i);
  if (!(usual < WINDOW_BELOW_CALLS)) return [];
  const windows: History[] = [];
  for (const hours of WINDOW_HOURS) {
    const window = windowOf(h, hours);
    windows.push(window);
    if (usualCalls(window, i) >= WINDOW_TARGET_CALLS) break;
  }
  return windows;
}

/**
 * How hour i itself moved, if by as much as matters (a doubling, +5 points of errors, calls to
 * a quarter), so that a window flags the hours of a change, not an ordinary hour after one. A
 * volume is read against the hour's usual value, a rate against the window's.
 */
function hourMove(
  model: MetricModel,
  h: History,
  window: History,
  i: number,
  settings: Settings,
): 'spike' | 'drop' | null {
  const value = model.raw(h, i);
  if (Number.isNaN(value)) return null;
  const usual = usualAt(model, model.perCall ? window : h, i, settings);
  if (Number.isNaN(usual)) return null;
  if (model.material(value, usual)) return 'spike';
  return model.drops !== undefined && value <= MAX_DROP_SHARE * usual ? 'drop' : null;
}

/** The usual value of hour j, computed once per hour and metric. */
function usualAt(model: MetricModel, h: History, j: number, settings: Settings): number {
  const memo = h.usual[model.key];
  let usual = memo[j];
  if (usual === undefined) {
    usual = model.usual(h, j, settings);
    memo[j] = usual;
  }
  return usual;
}

/**
 * 1.4826 × MAD of how far this series' recent hours at this time of day, with about as many
 * calls, stood from their usual values; 0 (the floor alone) while fewer than MIN_RESIDUALS
 * such hours are known.
 */
function spreadAt(model: MetricModel, h: History, i: number, settings: Settings): number {
  const residuals: number[] = [];
  forEachSpreadHour(h, i, (j) => {
    const residual = Math.abs(residualAt(model, h, j, settings));
    if (!Number.isNaN(residual)) residuals.push(residual);
  });
  return residuals.length >= MIN_RESIDUALS ? MAD_TO_SD * median(residuals) : 0;
}

/** The earlier hours at this time of day (±SPREAD_HOURS over SPREAD_DAYS days) with about as many usual calls as hour i. */
function forEachSpreadHour(h: History, i: number, visit: (j: number) => void): void {
  const volume = usualCalls(h, i);
  for (let d = 0; d < SPREAD_DAYS; d++) {
    for (let offset = -SPREAD_HOURS; offset <= SPREAD_HOURS; offset++) {
      const j = i - d * DAY + offset;
      if (j >= i || j < 0) continue;
      // Only hours with about as many calls: a quiet hour's figures wobble more.
      const calls = usualCalls(h, j);
      if (calls > SIMILAR_VOLUME * volume + 1 || volume > SIMILAR_VOLUME * calls + 1) continue;
      visit(j);
    }
  }
}

/** value − usual of hour j on the metric's scale (NaN when either is unknown), computed once. */
function residualAt(model: MetricModel, h: History, j: number, settings: Settings): number {
  const memo = h.residual[model.key];
  let residual = memo[j];
  if (residual === undefined) {
    const value = model.value(h, j, settings);
    const usual = usualAt(model, h, j, settings);
    const scale = model.scale(h, j);
    residual = scale.to(value) - scale.to(usual);
    memo[j] = residual;
  }
  return residual;
}

function doubled(value: number, usual: number): boolean {
  return value >= MIN_SPIKE_RATIO * usual;
}

/** Where values are compared: log for amounts that vary by multiples, linear for the error rate. */
interface Scale {
  to(value: number): number;
  from(x: number): number;
}

function logScale(offset: number): Scale {
  return { to: (v) => Math.log(v + offset), from: (x) => Math.max(0, Math.exp(x) - offset) };
}

/** A rate of events among n calls on the count's variance-stabilising scale, 2√(count + 3/8) (Anscombe). */
function countScale(n: number): Scale {
  return { to: (rate) => 2 * Math.sqrt(rate * n + 0.375), from: (x) => Math.max(0, ((x / 2) ** 2 - 0.375) / n) };
}

/**
 * The least spread of a per-call figure (a mean or a p95 over `calls` calls) on a log scale:
 * 10%, or `perCall`/√n.
 */
function countingNoise(perCall: number, calls: number): number {
  return Math.max(RELATIVE_SPREAD_FLOOR, perCall / Math.sqrt(Math.max(calls, 1)));
}

/**
 * The least spread of a volume on its log(x + one call) scale when `usual` calls are usual:
 * a count of n varies by √n, so by √n / (n + 1) on that scale (`perCall` for how much more a
 * cost does); at least 10%.
 */
function volumeNoise(perCall: number, usual: number): number {
  if (Number.isNaN(usual)) return Number.POSITIVE_INFINITY;
  return Math.max(RELATIVE_SPREAD_FLOOR, (perCall * Math.sqrt(usual + 0.5)) / (usual + 1));
}

/** The mean cost of a call over the weeks before hour j: one call's worth, the cost scale's offset. */
function costPerCall(h: History, j: number): number {
  const from = Math.max(0, j - WEEK * BASELINE_WEEKS);
  const calls = h.sums.calls[j] - h.sums.calls[from];
  return calls > 0 ? (h.sums.cost[j] - h.sums.cost[from]) / calls : 0;
}

/** The usual number of calls at hour j (NaN when unknown). */
function usualCalls(h: History, j: number): number {
  let usual = h.usual.calls[j];
  if (usual === undefined) {
    usual = medianOf(volumeBaseline(h, j, 'calls'));
    h.usual.calls[j] = usual;
  }
  return usual;
}

/** Indices of the same hour of week in earlier weeks and of day in earlier days, within the history. */
function referenceHours(j: number): number[] {
  const hours: number[] = [];
  for (let k = 1; k <= BASELINE_WEEKS && j - k * WEEK >= 0; k++) hours.push(j - k * WEEK);
  for (let d = 1; d <= BASELINE_DAYS && j - d * DAY >= 0; d++) hours.push(j - d * DAY);
  return hours;
}

/** Calls or cost at the same hour earlier, each scaled to the level of hour i. */
function volumeBaseline(h: History, i: number, metric: 'calls' | 'cost'): number[] {
  const values = metric === 'calls' ? h.calls : h.cost;
  const sums = metric === 'calls' ? h.sums.calls : h.sums.cost;
  /** The series' level before `end`: its median day over the previous 7 (robust to one odd day). */
  const levels = h.level[metric];
  const level = (end: number): number => {
    let value = levels[end];
    if (value === undefined) {
      const days: number[] = [];
      for (let d = 0; d < 7 && end - WEEK >= 0; d++) days.push(sums[end - d * DAY] - sums[end - (d + 1) * DAY]);
      value = median(days);
      levels[end] = value;
    }
    return value;
  };
  // The same hour of week in earlier weeks, grown to the level now.
  const now = level(i);
  const samples: number[] = [];
  for (let k = 1; k <= BASELINE_WEEKS && i - k * WEEK >= 0; k++) {
    const growth = now / level(i - k * WEEK);
    samples.push(values[i - k * WEEK] * (Number.isFinite(growth) ? growth : 1));
  }
  // A recent day's value, scaled by how this hour compared with that one in earlier weeks
  // (so a Sunday 02:00 speaks for a Monday 02:00 at Monday's level): the three hours around
  // each, a ratio per week, the median over weeks.
  const around = (t: number) => sums[t + 2] - sums[t - 1];
  for (let d = 1; d <= BASELINE_DAYS; d++) {
    const ratios: number[] = [];
    for (let k = 1; k <= BASELINE_WEEKS; k++) {
      const then = i - k * WEEK;
      if (then - d * DAY - 1 < 0) break;
      const before = around(then - d * DAY);
      if (before > 0) ratios.push(around(then) / before);
    }
    if (ratios.length > 0) samples.push(values[i - d * DAY] * median(ratios));
  }
  return samples;
}

/** The median of enough values (MIN_BASELINE_VALUES), else NaN. */
function medianOf(values: readonly number[]): number {
  return values.length < MIN_BASELINE_VALUES ? Number.NaN : median(values);
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  // A typed array sorts numerically without a comparator: the detector's hot spot.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "gpt-4o cost this hour $4.10, usual $0.30–$0.55", or "… the last 3 hours …" for a window. */
function describe(label: string, model: MetricModel, judged: Judged): string {
  const { h, i } = judged;
  const { metric } = model;
  const format = FORMATS[metric];
  const detail =
    metric === 'errorRate'
      ? ` (${formatCount(h.errorCalls[i])} of ${formatCount(h.calls[i])} calls)`
      : model.perCall
        ? ` over ${formatCount(h.calls[i])} calls`
        : '';
  const when = h.hours === 1 ? 'this hour' : `the last ${h.hours} hours`;
  return `${label} ${model.name ?? ANOMALY_METRIC_NAMES[metric]} ${when} ${format(judged.value)}${detail}, usual ${format(judged.expectedLow)}–${format(judged.expectedHigh)}`;
}

const FORMATS: Record<AnomalyMetric, (v: number) => string> = {
  cost: formatDollars,
  calls: formatCount,
  errorRate: (v) => `${(v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0)}%`,
  p95LatencyMs: (v) => (v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`),
  tokensPerCall: formatCount,
};

function formatCount(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}
