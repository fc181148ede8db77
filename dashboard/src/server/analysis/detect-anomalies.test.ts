import { describe, expect, it } from 'vitest';
import {
  type Anomaly,
  detectAnomalies,
  detectAnomaliesOverRange,
  type HourlyPoint,
  type HourlySeries,
} from './detect-anomalies.js';
import { seededRandom } from './statistics.js';

const HOUR = 3_600_000;
const DAY = 24;
const START = Date.UTC(2026, 8, 28); // a Monday
/** Hour index of 03:00 and 14:00 UTC on the Wednesday of week 6 (35 days of history before it). */
const QUIET = (5 * 7 + 2) * DAY + 3;
const BUSY = (5 * 7 + 2) * DAY + 14;
const COST_PER_CALL = 0.034;

/** Usual calls in hour t: a working day peaking at 120 calls at 14:00 UTC, 10 at night, weekends at 40%. */
function rhythm(t: number): number {
  const hour = t % DAY;
  const weekend = Math.floor(t / DAY) % 7 >= 5;
  return (10 + 110 * Math.exp(-((hour - 14) ** 2) / 18)) * (weekend ? 0.4 : 1);
}

/**
 * `hours` of gpt-4o history with ±5% noise around `calls(t)`, 2% errors, $0.034 and 800 tokens
 * a call, p95 2 s, median 1.2 s; `change` edits or removes (null) the point of hour t.
 */
function makeSeries(
  hours: number,
  change: (t: number, point: HourlyPoint) => HourlyPoint | null = (_t, point) => point,
  calls: (t: number) => number = rhythm,
): HourlySeries {
  const random = seededRandom(7);
  const wobble = () => 0.95 + 0.1 * random();
  const points: HourlyPoint[] = [];
  for (let t = 0; t < hours; t++) {
    const n = Math.round(calls(t) * wobble());
    const point = change(t, {
      hourStart: START + t * HOUR,
      calls: n,
      errorCalls: Math.round(n * 0.02 * wobble()),
      cost: n * COST_PER_CALL * wobble(),
      totalTokens: Math.round(n * 800 * wobble()),
      p95LatencyMs: Math.round(2000 * wobble()),
      p50LatencyMs: Math.round(1200 * wobble()),
    });
    if (point !== null && point.calls > 0) points.push(point);
  }
  return { key: 'model:gpt-4o', label: 'gpt-4o', points };
}

/** The anomalies of the last hour of a history whose hour `at` is changed by `change`. */
function judgeChanged(at: number, change: (point: HourlyPoint) => HourlyPoint | null): Anomaly[] {
  const series = makeSeries(at + 1, (t, point) => (t === at ? change(point) : point));
  return detectAnomalies(series, START + at * HOUR);
}

const summary = (anomalies: readonly Anomaly[]) => anomalies.map((a) => `${a.metric} ${a.direction}: ${a.reason}`);

describe('detectAnomalies', () => {
  it('flags a cost at a usually quiet hour that is usual at the busy hour', () => {
    const busyCost = rhythm(BUSY) * COST_PER_CALL;
    expect(busyCost).toBeCloseTo(4.08, 2);
    expect(summary(judgeChanged(BUSY, (p) => ({ ...p, cost: 4.1 })))).toEqual([]);
    const [anomaly, ...others] = judgeChanged(QUIET, (p) => ({ ...p, cost: 4.1 }));
    expect(summary(others)).toEqual([]);
    expect(anomaly).toMatchObject({ seriesKey: 'model:gpt-4o', metric: 'cost', direction: 'spike', value: 4.1 });
    expect(anomaly.hourStart).toBe(START + QUIET * HOUR);
    // Ten calls at $0.034 are usual at 03:00.
    expect(anomaly.expectedLow).toBeLessThan(0.34);
    expect(anomaly.expectedHigh).toBeGreaterThan(0.34);
    expect(anomaly.expectedHigh).toBeLessThan(1);
    expect(anomaly.score).toBeGreaterThan(3.5);
  });

  it('names the series, the value and the usual range in the reason', () => {
    const [anomaly] = judgeChanged(QUIET, (p) => ({ ...p, cost: 4.1 }));
    expect(anomaly.reason).toMatch(/^gpt-4o cost this hour \$4\.10, usual \$0\.\d\d–\$0\.\d\d$/);
    const dollars = (v: number) => `$${v.toFixed(2)}`;
    expect(anomaly.reason).toContain(`usual ${dollars(anomaly.expectedLow)}–${dollars(anomaly.expectedHigh)}`);
  });

  it('raises nothing over weeks of the usual daily and weekly rhythm', () => {
    const hours = 8 * 7 * DAY;
    const series = makeSeries(hours);
    expect(summary(detectAnomaliesOverRange(series, START, START + (hours - 1) * HOUR))).toEqual([]);
  });

  it('does not alarm on a flat series with tiny noise, nor on a wobble well above that noise', () => {
    const hours = 5 * 7 * DAY;
    const random = seededRandom(3);
    const points = Array.from({ length: hours }, (_, t) => {
      // 500 calls ± 1 an hour, except one hour 30% busier and costlier.
      const n = t === hours - 5 ? 650 : 499 + Math.round(2 * random());
      return {
        hourStart: START + t * HOUR,
        calls: n,
        errorCalls: 5,
        cost: n * 0.002,
        totalTokens: n * 400,
        p95LatencyMs: 900,
        p50LatencyMs: 500,
      };
    });
    const series = { key: 'agent:Router', label: 'Router', points };
    expect(summary(detectAnomaliesOverRange(series, START, START + (hours - 1) * HOUR))).toEqual([]);
  });

  it('flags calls dropping to zero at a busy hour, where no rollup exists at all', () => {
    const anomalies = judgeChanged(BUSY, () => null);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ metric: 'calls', direction: 'drop', value: 0 });
    expect(anomalies[0].expectedLow).toBeGreaterThan(80);
    expect(anomalies[0].reason).toMatch(/^gpt-4o calls this hour 0, usual \d+–\d+$/);
  });

  it('does not call a drop at a quiet hour an outage', () => {
    expect(summary(judgeChanged(QUIET, () => null))).toEqual([]);
  });

  it('flags a drop that few calls make rare at the usual rate: 1 call at 16 usual, not 0 at 8', () => {
    const at = QUIET;
    const judgeSteady = (usual: number, change: (p: HourlyPoint) => HourlyPoint | null) =>
      detectAnomalies(
        makeSeries(
          at + 1,
          (t, p) => (t === at ? change(p) : p),
          () => usual,
        ),
        START + at * HOUR,
      );
    // 1 call or fewer has a chance of 2e-6 when 16 are usual; none at all, 3e-4 when 8 are.
    expect(summary(judgeSteady(16, (p) => ({ ...p, calls: 1, errorCalls: 0, cost: COST_PER_CALL })))).toEqual([
      expect.stringMatching(/^calls drop: gpt-4o calls this hour 1, usual 1\d–\d+$/),
    ]);
    expect(summary(judgeSteady(8, () => null))).toEqual([]);
  });

  it.each([
    ['errorRate', (p: HourlyPoint) => ({ ...p, errorCalls: Math.round(p.calls * 0.3) }), /error rate this hour 30%/],
    ['p95LatencyMs', (p: HourlyPoint) => ({ ...p, p95LatencyMs: 6000 }), /p95 latency this hour 6\.0 s over \d+ calls/],
    ['tokensPerCall', (p: HourlyPoint) => ({ ...p, totalTokens: p.calls * 3200 }), /tokens per call this hour 3,200/],
    ['calls', (p: HourlyPoint) => ({ ...p, calls: p.calls * 4 }), /calls this hour \d+/],
  ])('flags a %s spike at a busy hour', (metric, change, reason) => {
    const anomalies = judgeChanged(BUSY, change);
    expect(summary(anomalies)).toEqual([expect.stringMatching(new RegExp(`^${metric} spike: gpt-4o .*`))]);
    expect(anomalies[0].reason).toMatch(reason);
  });

  it('judges nothing before 14 days of history', () => {
    const at = 13 * DAY + 3;
    const series = makeSeries(at + 1, (t, p) => (t === at ? { ...p, cost: 40, calls: 1000 } : p));
    expect(detectAnomalies(series, START + at * HOUR)).toEqual([]);
    const later = makeSeries(14 * DAY + 4, (t, p) => (t === 14 * DAY + 3 ? { ...p, cost: 40, calls: 1000 } : p));
    expect(detectAnomalies(later, START + (14 * DAY + 3) * HOUR).map((a) => a.metric)).toEqual(['calls', 'cost']);
  });

  it('gives over a range exactly what it gives hour by hour', () => {
    const hours = BUSY + 30;
    const series = makeSeries(hours, (t, p) =>
      t === BUSY ? null : t === QUIET ? { ...p, cost: 4.1 } : t === BUSY + 20 ? { ...p, p95LatencyMs: 9000 } : p,
    );
    const from = START + (BUSY - 40) * HOUR;
    const to = START + (hours - 1) * HOUR;
    const hourByHour: Anomaly[] = [];
    for (let hour = from; hour <= to; hour += HOUR) {
      hourByHour.push(
        ...detectAnomalies({ ...series, points: series.points.filter((p) => p.hourStart <= hour) }, hour),
      );
    }
    expect(summary(hourByHour)).toHaveLength(3);
    expect(detectAnomaliesOverRange(series, from, to)).toEqual(hourByHour);
  });
});

describe('detectAnomalies at a quiet hour, over the last hours', () => {
  /** Hour index of 10:00 UTC on the Wednesday of week 6, on a series of about 4 calls an hour. */
  const AT = (5 * 7 + 2) * DAY + 10;

  /** About `mean` calls an hour, day and night: Poisson counts from a seeded generator. */
  function quietCalls(mean: number): (t: number) => number {
    const random = seededRandom(11);
    const counts: number[] = [];
    return (t) => {
      while (counts.length <= t) {
        let k = 0;
        for (let product = random(); product > Math.exp(-mean); product *= random()) k++;
        counts.push(k);
      }
      return counts[t];
    };
  }

  /** The anomalies of every hour from `from` to `to` of a quiet series whose hours in [changeFrom, changeTo) are changed. */
  function judgeQuiet(
    changeFrom: number,
    changeTo: number,
    change: (point: HourlyPoint) => HourlyPoint | null,
    { mean = 4, from = changeFrom, to = changeTo + 2 } = {},
  ): Anomaly[] {
    const series = makeSeries(to + 1, (t, p) => (t >= changeFrom && t < changeTo ? change(p) : p), quietCalls(mean));
    return detectAnomaliesOverRange(series, START + from * HOUR, START + to * HOUR);
  }

  /** Each flag as "hour offset from AT: metric direction: reason", to compare with what should be there. */
  const flags = (anomalies: readonly Anomaly[]) =>
    anomalies.map((a) => `${(a.hourStart - START) / HOUR - AT}: ${a.metric} ${a.direction}: ${a.reason}`);

  it('flags a 3-hour ×5 cost spike at 4 calls an hour, and only in those hours', () => {
    const anomalies = judgeQuiet(AT, AT + 3, (p) => ({ ...p, cost: p.cost * 5 }), { to: AT + 6 });
    expect(flags(anomalies)).toEqual(
      anomalies.map(() =>
        expect.stringMatching(/^[0-2]: cost spike: gpt-4o cost (per call this hour|the last \d hours) \$\d+\.\d\d/),
      ),
    );
    expect(anomalies.length).toBeGreaterThan(0);
    for (const a of anomalies) expect(a.value).toBeGreaterThan(a.expectedHigh);
  });

  it('flags one such hour by its cost per call, but not one call five times the price among a few', () => {
    expect(flags(judgeQuiet(AT, AT + 1, (p) => ({ ...p, cost: p.cost * 5 })))).toEqual([
      expect.stringMatching(/^0: cost spike: gpt-4o cost per call this hour \$0\.\d+ over \d+ calls, usual \$0\.0/),
    ]);
    // One ×5 call among n adds 4/n calls' worth: doubled at 4 calls or fewer, yet ordinary for so few.
    const onePricey = (p: HourlyPoint) => ({ ...p, cost: p.cost * (1 + 4 / p.calls) });
    expect(flags(judgeQuiet(AT, AT + 3, onePricey, { to: AT + 6 }))).toEqual([]);
  });

  it('raises nothing on ordinary quiet hours, nor on weeks of them', () => {
    expect(flags(judgeQuiet(AT, AT + 3, (p) => p))).toEqual([]);
    const series = makeSeries(8 * 7 * DAY, undefined, quietCalls(4));
    expect(flags(detectAnomaliesOverRange(series, START, START + (8 * 7 * DAY - 1) * HOUR))).toEqual([]);
  });

  it('flags a 4-hour outage at 6 calls an hour as a drop, but not a single empty hour', () => {
    const outage = judgeQuiet(AT, AT + 4, () => null, { mean: 6 });
    expect(flags(outage)).toEqual(
      outage.map(() => expect.stringMatching(/^[0-3]: calls drop: gpt-4o calls the last \d hours \d+, usual \d+–\d+$/)),
    );
    expect(outage.length).toBeGreaterThan(0);
    expect(flags(judgeQuiet(AT, AT + 1, () => null, { mean: 6 }))).toEqual([]);
  });

  it('flags a 3-hour burst of 50% errors at 8 calls an hour, naming the errors and calls', () => {
    const burst = judgeQuiet(AT, AT + 3, (p) => ({ ...p, errorCalls: Math.round(p.calls / 2) }), { mean: 8 });
    expect(flags(burst)).toEqual(
      burst.map(() =>
        expect.stringMatching(/^[0-2]: errorRate spike: gpt-4o error rate the last \d hours \d+% \(\d+ of \d+ calls\)/),
      ),
    );
    expect(burst.length).toBeGreaterThan(0);
  });

  it('flags 2 hours of ×3 latency at 4 calls an hour by their median, but not one slow call', () => {
    const slow = judgeQuiet(AT, AT + 2, (p) => ({
      ...p,
      p95LatencyMs: p.p95LatencyMs! * 3,
      p50LatencyMs: p.p50LatencyMs! * 3,
    }));
    expect(flags(slow)).toEqual(
      slow.map(() =>
        expect.stringMatching(
          /^[01]: p95LatencyMs spike: gpt-4o median latency (this hour|the last \d hours) \d\.\d s over \d+ calls, usual/,
        ),
      ),
    );
    expect(slow.length).toBeGreaterThan(0);
    // One call three times slower makes a p95 of 4 calls, not their median.
    expect(flags(judgeQuiet(AT, AT + 2, (p) => ({ ...p, p95LatencyMs: p.p95LatencyMs! * 3 })))).toEqual([]);
  });

  it('does not flag a median among the long calls of a two-kind mix, only one beyond the usual p95', () => {
    // A quarter of the hours are mostly long answers (15 s), the rest short ones (1.2 s): the
    // p95 is a long answer in every hour.
    const random = seededRandom(11);
    const mixed = (p: HourlyPoint): HourlyPoint => ({
      ...p,
      p50LatencyMs: random() < 0.25 ? 15_000 : 1200,
      p95LatencyMs: 16_000,
    });
    const judgeMixed = (at: (p: HourlyPoint) => HourlyPoint) => {
      const series = makeSeries(AT + 3, (t, p) => (t >= AT && t < AT + 2 ? at(mixed(p)) : mixed(p)), quietCalls(4));
      return detectAnomaliesOverRange(series, START + AT * HOUR, START + (AT + 2) * HOUR);
    };
    expect(flags(judgeMixed((p) => ({ ...p, p50LatencyMs: 15_000 })))).toEqual([]);
    const slow = judgeMixed((p) => ({ ...p, p50LatencyMs: 48_000, p95LatencyMs: 50_000 }));
    // The hour after may be flagged with them, by a window that holds them.
    expect(flags(slow)).toEqual(
      slow.map(() => expect.stringMatching(/^[012]: p95LatencyMs spike: gpt-4o median latency/)),
    );
    expect(slow.length).toBeGreaterThan(0);
  });

  it('gives over a range exactly what it gives hour by hour, windows included', () => {
    const hours = AT + 12;
    const series = makeSeries(hours, (t, p) => (t >= AT && t < AT + 3 ? { ...p, cost: p.cost * 5 } : p), quietCalls(4));
    const from = START + (AT - 6) * HOUR;
    const to = START + (hours - 1) * HOUR;
    const hourByHour: Anomaly[] = [];
    for (let hour = from; hour <= to; hour += HOUR) {
      hourByHour.push(
        ...detectAnomalies({ ...series, points: series.points.filter((p) => p.hourStart <= hour) }, hour),
      );
    }
    expect(flags(hourByHour)).toEqual(
      hourByHour.map(() => expect.stringMatching(/^[0-2]: cost spike: .* (per call this hour|the last)/)),
    );
    expect(hourByHour.length).toBeGreaterThan(0);
    expect(detectAnomaliesOverRange(series, from, to)).toEqual(hourByHour);
  });
});
