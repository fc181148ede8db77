import type { SeededRandom } from '../shared/seeded-random.js';

const DAY_MS = 86_400_000;
/** Traffic grows by this share of the first day's volume every day. */
const DAILY_GROWTH = 0.02;

/**
 * When sessions start in the demo history: a working-day curve peaking mid-afternoon (UTC),
 * quieter weekends, and gentle growth over the period — drawn by rejection sampling, so
 * the shape is exact and every draw is independent.
 */
export function createTrafficRhythm(from: number, to: number, random: SeededRandom): () => number {
  const days = (to - from) / DAY_MS;
  const weight = (time: number): number => {
    const date = new Date(time);
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    const weekday = date.getUTCDay();
    const daily = 0.25 + 0.75 * Math.exp(-((hour - 14.5) ** 2) / (2 * 3.6 ** 2));
    const weekly = weekday === 0 || weekday === 6 ? 0.45 : 1;
    const growth = 1 + (DAILY_GROWTH * (time - from)) / DAY_MS;
    return daily * weekly * growth;
  };
  const maxWeight = 1 + DAILY_GROWTH * days;
  return () => {
    for (;;) {
      const time = from + random.next() * (to - from);
      if (random.next() * maxWeight <= weight(time)) return Math.floor(time);
    }
  };
}
