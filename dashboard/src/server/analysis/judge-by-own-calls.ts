/**
 * A rise of a figure per call over a few calls (their mean cost or tokens, their median or
 * p95 latency) judged against the series' own calls, one by one: how often would that many
 * calls, drawn at random from its recent calls, give a figure as high? The hourly rollups
 * cannot tell a change from a mix: an agent whose calls are mostly cheap and now and then dear
 * (a router's two models, cached and uncached answers, a stalled request) averages ×30 over
 * three calls whenever one of them is dear, an ordinary event the spread of hourly figures
 * misses. The chance is read by drawing (Monte Carlo, a fixed seed: the same answer each
 * time), so any shape of the calls' distribution counts, mixtures and long tails included.
 */

import { lowestLatencyReading, type RecentCallFigures } from '@observatory/core';
import type { Anomaly, CallFigure } from './detect-anomalies.js';
import { seededRandom } from './statistics.js';

/** A rise per call is judged against the series' newest this many calls before it, */
export const OWN_CALLS = 1_000;
/** from this many days before it at most. */
export const OWN_CALLS_DAYS = 28;
/** Drawn figures: the chance is resolved to 1/TRIALS. */
const TRIALS = 20_000;
/** An anomaly stands when its figure comes up this rarely or less among the series' own calls. */
export const MAX_OWN_CALLS_CHANCE = 1e-3;
/** Fewer own calls than this say too little about their distribution: the anomaly stands as the rollups found it. */
export const MIN_OWN_CALLS = 50;
/** Above this many calls a figure's spread over hours already shows the calls' mix (and the draws cost more). */
export const MAX_CALLS_JUDGED = 100;

/** Whether `anomaly` is judged against its series' own calls: a rise of a figure per call over few enough calls. */
export function needsOwnCalls(anomaly: Anomaly): boolean {
  const [own] = anomaly.callFigures ?? [];
  return own !== undefined && anomaly.direction === 'spike' && callsOf(anomaly, own) <= MAX_CALLS_JUDGED;
}

/**
 * Whether the anomaly stands against the series' own earlier calls: true when they give one
 * of its figures over as many calls by chance MAX_OWN_CALLS_CHANCE of the time or less (or
 * there are too few of them to say).
 */
export function beyondOwnCalls(anomaly: Anomaly, own: RecentCallFigures): boolean {
  if (!needsOwnCalls(anomaly)) return true;
  const figures = (anomaly.callFigures ?? []).filter((figure) => Number.isFinite(figure.value));
  if (figures.length === 0) return true;
  return figures.some((figure) => {
    const values = own[figure.of];
    return (
      values.length < MIN_OWN_CALLS ||
      chanceOfFigure(values, figure, callsOf(anomaly, figure), figure.value) <= MAX_OWN_CALLS_CHANCE
    );
  });
}

/** How many calls a figure is of: the span's, or for an hour's cost the usual number. */
function callsOf(anomaly: Anomaly, figure: CallFigure): number {
  return figure.statistic === 'usualTotal' ? anomaly.usualCalls : anomaly.calls;
}

/**
 * The chance that `calls` values drawn at random (with replacement) from `values` give the
 * figure `at` or higher; for 'usualTotal', the sum of a Poisson count of them, `calls` on
 * average. Once it is plainly above MAX_OWN_CALLS_CHANCE (4× as many hits) the
 * drawing stops early and returns the chance so far.
 */
export function chanceOfFigure(values: readonly number[], figure: CallFigure, calls: number, at: number): number {
  const random = seededRandom(0x5eed);
  const pool = Float64Array.from(values);
  const total = figure.statistic === 'usualTotal';
  const drawn = new Float64Array(total ? 0 : calls);
  const percentile = figure.statistic === 'p50' ? 0.5 : figure.statistic === 'p95' ? 0.95 : null;
  // Poisson counts by multiplying uniforms (Knuth): fine for the ≤ MAX_CALLS_JUDGED usual calls judged.
  const poissonLimit = Math.exp(-calls);
  // Percentiles in the rollups are interpolated inside a histogram bucket: a drawn one counts
  // as high when it lies in that bucket or above.
  const reaches = percentile === null ? at : lowestLatencyReading(at);
  // Nearest rank, as the detector's figures of a few calls are read.
  const rank = percentile === null ? 0 : Math.max(0, Math.ceil(percentile * calls) - 1);
  const enough = Math.ceil(4 * MAX_OWN_CALLS_CHANCE * TRIALS);
  let hits = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    let count = calls;
    if (total) {
      count = 0;
      for (let product = random(); product > poissonLimit; product *= random()) count++;
    }
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const value = pool[Math.floor(random() * pool.length)];
      if (!total) drawn[k] = value;
      sum += value;
    }
    const value = total ? sum : percentile === null ? sum / calls : drawn.sort()[rank];
    if (value >= reaches && ++hits >= enough) return hits / (trial + 1);
  }
  return hits / TRIALS;
}
