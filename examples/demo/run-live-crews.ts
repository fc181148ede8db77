import { setTimeout as sleep } from 'node:timers/promises';
import { Observatory } from '@observatory/core';
import { createSampleDatabase } from '../crews/sql-agent/create-sample-database.js';
import { CUSTOMER_METADATA_KEYS } from '../shared/customers.js';
import { createSeededRandom, type SeededRandom } from '../shared/seeded-random.js';
import { DEMO_CREWS, type DemoCrew } from './demo-crews.js';

export interface LiveCrewsOptions {
  databaseUrl?: string;
  /** A new session starts this often. Default 5,000 ms. */
  everyMs?: number;
  /** Sessions running at once at most; a tick is skipped while this many run. Default 4. */
  maxRunning?: number;
  /** Varies which crew and conversation runs. Default: the clock, so each start differs. */
  seed?: number;
  /** Stops starting sessions; resolves once the running ones have ended and are written. */
  signal: AbortSignal;
  /** Reports errors that are not the crews' own recorded failures (default: console.error). */
  onError?: (error: unknown) => void;
}

/**
 * Keep the crews running in real time: every `everyMs` one session of a crew (picked by its
 * share of traffic) starts against the offline models, which answer as fast as the real
 * ones would, so calls arrive over seconds, with their real timestamps and latencies, as
 * on a live system. Each crew records into its own project, flushing every 250 ms.
 */
export async function runLiveCrews(options: LiveCrewsOptions): Promise<void> {
  const everyMs = options.everyMs ?? 5000;
  const maxRunning = options.maxRunning ?? 4;
  const onError = options.onError ?? ((error: unknown) => console.error('[live demo]', error));
  const random = createSeededRandom(options.seed ?? Date.now() % 2 ** 31);
  const database = await createSampleDatabase();
  const observatories = new Map(
    DEMO_CREWS.map((crew) => [
      crew.project,
      new Observatory({
        projectName: crew.project,
        databaseUrl: options.databaseUrl,
        flushIntervalMs: 250,
        rollupMetadataKeys: CUSTOMER_METADATA_KEYS,
        onError,
      }),
    ]),
  );
  const running = new Set<Promise<void>>();
  try {
    while (!options.signal.aborted) {
      if (running.size < maxRunning) {
        const crew = pickCrew(random);
        const run = crew
          .run(observatories.get(crew.project) as Observatory, random.int(1, 2 ** 30), database, {
            count: 1,
            timeScale: 1,
          })
          .then(
            () => undefined,
            (error: unknown) => onError(error),
          );
        running.add(run);
        void run.finally(() => running.delete(run));
      }
      await sleep(everyMs, undefined, { signal: options.signal }).catch(() => undefined);
    }
    await Promise.all(running);
  } finally {
    await Promise.all([...observatories.values()].map((obs) => obs.close()));
    await database.close();
  }
}

/** A crew, with the probability of its share of traffic. */
function pickCrew(random: SeededRandom): DemoCrew {
  let draw = random.next() * DEMO_CREWS.reduce((sum, crew) => sum + crew.share, 0);
  for (const crew of DEMO_CREWS) {
    draw -= crew.share;
    if (draw < 0) return crew;
  }
  return DEMO_CREWS[DEMO_CREWS.length - 1];
}
