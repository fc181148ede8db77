import type { Observatory } from '@observatory/core';
import { runCareerCopilot } from '../crews/career-copilot/run-career-copilot.js';
import { runCodeReviewCrew } from '../crews/code-review/run-code-review-crew.js';
import type { SampleDatabase } from '../crews/sql-agent/create-sample-database.js';
import { runSqlAgent } from '../crews/sql-agent/run-sql-agent.js';

/** A crew the demo runs, the project its history goes to, and its share of all calls. */
export interface DemoCrew {
  project: string;
  share: number;
  /** One run of the crew (a few sessions) on the offline models, without simulated waiting. */
  run(obs: Observatory, seed: number, database: SampleDatabase): Promise<unknown>;
}

/** The three crews of examples/crews; Career Copilot carries the router, cache, judge and A/B data, so it gets most traffic. */
export const DEMO_CREWS: readonly DemoCrew[] = [
  {
    project: 'crew-career-copilot',
    share: 0.6,
    run: (obs, seed) => runCareerCopilot(obs, { seed, count: 4, offline: true, timeScale: 0 }),
  },
  {
    project: 'crew-code-review',
    share: 0.25,
    run: (obs, seed) => runCodeReviewCrew(obs, { seed, count: 3, offline: true, timeScale: 0 }),
  },
  {
    project: 'crew-sql-agent',
    share: 0.15,
    run: (obs, seed, database) => runSqlAgent(obs, { seed, count: 3, database, offline: true, timeScale: 0 }),
  },
];
