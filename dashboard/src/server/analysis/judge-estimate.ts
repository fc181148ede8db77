import type { CallTotals } from '@observatory/core';
import { estimateMean, type MeanEstimate } from './statistics.js';

/** Mean judge score with its 95% interval, from a rollup total (count, mean, standard deviation). */
export function judgeEstimate(
  totals: Pick<CallTotals, 'judgedCalls' | 'avgJudgeScore' | 'judgeScoreStdDev'>,
): MeanEstimate {
  const n = totals.judgedCalls;
  const mean = totals.avgJudgeScore ?? 0;
  const sd = totals.judgeScoreStdDev ?? 0;
  return estimateMean(n, mean * n, Math.max(0, n - 1) * sd * sd + n * mean * mean);
}
