import type { ObservatoryStorage } from '@observatory/core';
import type { AlertEngine } from './alerts/alert-engine.js';
import type { EndpointTimings } from './endpoint-timings.js';
import type { SampleCache } from './sample-cache.js';

/** What every route needs: the store (its queries are the one read model), the clock, and the server's shared state. */
export interface AppContext {
  storage: ObservatoryStorage;
  /** Bounded samples of recent calls, slid forward between requests (use instead of storage.sampleCalls). */
  samples: SampleCache;
  now(): number;
  /** Database shown in Settings (password hidden) and its dialect. */
  database: { description: string; dialect: 'sqlite' | 'postgresql'; sizeBytes(): Promise<number | null> };
  timings: EndpointTimings;
  alerts: AlertEngine;
  version: string;
  authRequired: boolean;
}
