import type { Observatory } from '@observatory/core';
import { runCareerCopilot } from '../crews/career-copilot/run-career-copilot.js';
import { runCodeReviewCrew } from '../crews/code-review/run-code-review-crew.js';
import type { SampleDatabase } from '../crews/sql-agent/create-sample-database.js';
import { runSqlAgent } from '../crews/sql-agent/run-sql-agent.js';
import type { ProviderIncidents } from '../shared/simulated-provider.js';

/** A crew the demo runs, the project its history goes to, and its share of all calls. */
export interface DemoCrew {
  project: string;
  share: number;
  /**
   * One run of the crew on the offline models: by default a few sessions without waiting
   * (history in simulated time); `pace` sets how many sessions and how fast the simulated
   * models answer (1 = as fast as the real ones, for the live demo).
   */
  run(obs: Observatory, seed: number, database: SampleDatabase, pace?: CrewPace): Promise<unknown>;
}

/** How many sessions one run makes, and the simulated models' time per real time (0 = no waiting). */
export interface CrewPace {
  count: number;
  timeScale: number;
}

/**
 * How often the copilot's simulated providers fail whatever they are asked, as production
 * APIs do on a busy day (shares of requests): the copilot retries, falls back and records
 * every failed try, so the history holds rate limits, server errors, overloads and
 * timeouts beside the answers.
 */
const PROVIDER_INCIDENTS: ProviderIncidents = {
  rateLimited: 0.015,
  serverError: 0.004,
  overloaded: 0.008,
  stalled: 0.003,
};

/** The three crews of examples/crews; Career Copilot carries the router, cache, judge and A/B data, so it gets most traffic. */
export const DEMO_CREWS: readonly DemoCrew[] = [
  {
    project: 'crew-career-copilot',
    share: 0.6,
    run: (obs, seed, _database, pace = { count: 4, timeScale: 0 }) =>
      runCareerCopilot(obs, { seed, offline: true, incidents: PROVIDER_INCIDENTS, ...pace }),
  },
  {
    project: 'crew-code-review',
    share: 0.25,
    run: (obs, seed, _database, pace = { count: 3, timeScale: 0 }) =>
      runCodeReviewCrew(obs, { seed, offline: true, ...pace }),
  },
  {
    project: 'crew-sql-agent',
    share: 0.15,
    run: (obs, seed, database, pace = { count: 3, timeScale: 0 }) =>
      runSqlAgent(obs, { seed, database, offline: true, ...pace }),
  },
];
