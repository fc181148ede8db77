import { Observatory, type ObservatoryStorage } from '@observatory/core';
import { createSampleDatabase } from '../crews/sql-agent/create-sample-database.js';
import { CUSTOMER_METADATA_KEYS } from '../shared/customers.js';
import { createSeededRandom } from '../shared/seeded-random.js';
import { DEMO_CREWS } from './demo-crews.js';
import { type RecordedSession, replaySession } from './replay-session.js';
import { inSimulatedTime } from './simulated-clock.js';
import { createTrafficRhythm } from './traffic-rhythm.js';

export interface DemoOptions {
  databaseUrl?: string;
  /** Calls to write across all crews. Default 50,000. */
  calls?: number;
  /** Days of history ending at `now`. Default 14. */
  days?: number;
  /**
   * Calls produced by running the crews; the rest of `calls` replays their sessions at other
   * times. Default 3,000 (about 12 s on 2 cores); set it to `calls` to run the crews for every call.
   */
  crewCalls?: number;
  seed?: number;
  now?: Date;
  /** Called as calls are recorded, for a progress bar. */
  onProgress?: (recorded: number, total: number) => void;
}

export interface DemoSummary {
  calls: number;
  /** Of `calls`, how many the crews made (the others are replays of their sessions). */
  crewCalls: number;
  sessions: number;
  projects: string[];
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
/** The newest session starts this long before `now`, so its calls end in the past. */
const NEWEST_SESSION_MS = 30 * 60_000;
/** Calls queued before waiting for the writer, to bound memory. */
const MAX_PENDING = 20_000;

/**
 * Fill a store with multi-agent history made by the crews of examples/crews: each crew
 * (Career Copilot, Code Review on LangGraph, the SQL Agent's AI SDK tool loop) runs through
 * its framework and Observatory adapter against the offline simulated models, in simulated
 * time — sessions start along a daily and weekly traffic curve over `days`, calls take the
 * time the real models would. To reach tens of thousands of calls in seconds, the crews run
 * until they have made `crewCalls` calls and their recorded sessions are then replayed at
 * further points of the curve (same calls, new ids and times).
 */
export async function fillDemoHistory(options: DemoOptions = {}): Promise<DemoSummary> {
  const total = options.calls ?? 50_000;
  const days = options.days ?? 14;
  const crewBudget = Math.min(total, options.crewCalls ?? 3000);
  const to = (options.now ?? new Date()).getTime() - NEWEST_SESSION_MS;
  const from = to - days * DAY_MS + NEWEST_SESSION_MS;
  const random = createSeededRandom(options.seed ?? 42);
  const nextSessionStart = createTrafficRhythm(from, to, random);
  const database = await createSampleDatabase();
  const summary: DemoSummary = {
    calls: 0,
    crewCalls: 0,
    sessions: 0,
    projects: [],
    from: new Date(from),
    to: new Date(to),
  };
  let nextSeed = (options.seed ?? 42) * 10_000;
  const report = () => options.onProgress?.(summary.calls, total);

  try {
    for (const [index, crew] of DEMO_CREWS.entries()) {
      const last = index === DEMO_CREWS.length - 1;
      const target = last ? total - summary.calls : Math.round(total * crew.share);
      const crewTarget = last ? crewBudget - summary.crewCalls : Math.round(crewBudget * crew.share);
      const rejected: unknown[] = [];
      const obs = new Observatory({
        projectName: crew.project,
        databaseUrl: options.databaseUrl,
        batchSize: 5000,
        flushIntervalMs: 200,
        maxQueueSize: MAX_PENDING * 4,
        spoolDir: false,
        flushOnExit: false,
        // A bulk fill waits for its writes: on a busy machine a flush can take longer than the
        // 15 s default, which would be reported as a failure (and fail the fill) though nothing is lost.
        closeTimeoutMs: 600_000,
        rollupMetadataKeys: CUSTOMER_METADATA_KEYS,
        onError: (error) => rejected.push(error),
      });
      try {
        const before = summary.calls;
        const recorded = () => obs.stats().recorded;
        const crewSessionIds = new Set<string>();
        // The crews, through their frameworks, in simulated time.
        while (recorded() < Math.max(1, crewTarget)) {
          await crew.run(inSimulatedTime(obs, nextSessionStart, random, crewSessionIds), nextSeed++, database);
          summary.calls = before + recorded();
          report();
        }
        summary.crewCalls += recorded();
        await obs.flush();
        // Their sessions again, at other times, until the crew's share is reached.
        const sessions = await loadRecordedSessions(obs.storage, crewSessionIds);
        summary.sessions += sessions.length;
        while (recorded() < target && sessions.length > 0) {
          replaySession(obs, random.pick(sessions), nextSessionStart());
          summary.sessions++;
          summary.calls = before + recorded();
          if (obs.stats().pending > MAX_PENDING) {
            report();
            await obs.flush();
          }
        }
        await obs.flush();
        await obs.storage.alignSessionTimes(crew.project);
        if (last) await obs.storage.refreshStatistics();
        summary.calls = before + recorded();
        summary.projects.push(crew.project);
        report();
        if (rejected.length > 0) {
          throw new Error(`the ${crew.project} crew recorded ${rejected.length} calls Observatory rejected`, {
            cause: rejected[0],
          });
        }
      } finally {
        await obs.close();
      }
    }
  } finally {
    await database.close();
  }
  return summary;
}

/**
 * The sessions the crews recorded in this run, with their calls in time order (not the
 * store's earlier history: topping up a store of millions of calls reads only these).
 */
async function loadRecordedSessions(storage: ObservatoryStorage, sessionIds: Set<string>): Promise<RecordedSession[]> {
  const recorded: RecordedSession[] = [];
  for (const id of sessionIds) {
    const session = await storage.getSession(id);
    if (!session) continue;
    const calls = await storage.getLlmCalls({ sessionId: id, order: 'asc', limit: 10_000 });
    if (calls.length > 0) recorded.push({ session, calls });
  }
  return recorded;
}
