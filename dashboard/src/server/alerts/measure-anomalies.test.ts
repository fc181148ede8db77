import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRuleCommon, AnomalyRule } from '../../shared/alert-rule.js';
import { detectAnomaliesOverRange } from '../analysis/detect-anomalies.js';
import { seededRandom } from '../analysis/statistics.js';
import { anomaliesOverRange, hourlySeries, measureAnomalies } from './measure-anomalies.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 2026-03-04, 15:00 UTC: the judged hours end here. */
const T0 = Date.UTC(2026, 2, 4, 15);
const LAST_HOUR = T0 - HOUR;
const CHEAP = 0.01;
const DEAR = 0.2;

const RULE: AlertRuleCommon & AnomalyRule = {
  id: 'rule-1',
  name: 'Agents',
  enabled: true,
  project: null,
  groupBy: null,
  channelIds: [],
  repeatMinutes: null,
  createdAt: '',
  updatedAt: '',
  kind: 'anomaly',
  by: 'agent',
  metrics: ['cost'],
};

describe.each(testDatabases())('anomalies judged against the series’ own calls on %s', (database) => {
  let t: TestObservatory;

  beforeEach(async () => {
    t = await createTestObservatory({ database, projectName: 'router' });
    // Three weeks of a router agent's 4 calls an hour, one in twelve of them to a model twenty
    // times the price, then every call in the last hour at ×1.5 the dear price (a change).
    const random = seededRandom(7);
    for (let hour = LAST_HOUR - 21 * DAY; hour <= LAST_HOUR; hour += HOUR) {
      for (let i = 0; i < 4; i++) {
        let cost = random() < 1 / 12 ? DEAR : CHEAP;
        if (hour === LAST_HOUR) cost = 1.5 * DEAR;
        t.obs.recordCall({
          provider: 'openai',
          modelName: cost === CHEAP ? 'gpt-4o-mini' : 'gpt-4o',
          agentName: 'Router',
          promptTokens: 500,
          completionTokens: 50,
          totalCost: cost * (1 + i / 50),
          latencyMs: 700,
          timestamp: new Date(hour + i * 600_000),
        });
      }
    }
    await t.obs.flush({ timeoutMs: 60_000 });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('leaves out the dear hours a mix of calls makes, the hourly figures alone flag them; keeps a real rise', async () => {
    const from = T0 - 2 * DAY;
    // The hourly rollups alone flag hours where the mix happened to bring dear calls: most hours
    // have none, so the spread of hourly costs does not see them coming.
    const [router] = await hourlySeries(t.obs.storage, 'agent', undefined, from, T0);
    const byRollups = detectAnomaliesOverRange(router, from, LAST_HOUR).map((a) => a.hourStart);
    expect(byRollups).toContain(LAST_HOUR);
    const mixedHours = byRollups.filter((hour) => hour !== LAST_HOUR);
    expect(mixedHours.length).toBeGreaterThan(0);

    // Against the agent's own calls, only the last hour stands: the chart's markers …
    const markers = await anomaliesOverRange(t.obs.storage, 'agent', undefined, from, T0);
    expect(markers).toEqual([
      expect.objectContaining({ seriesKey: 'agent:Router', metric: 'cost', hourStart: LAST_HOUR, direction: 'spike' }),
    ]);
    // … and the hourly check, hour by hour.
    for (const hour of mixedHours)
      expect(await measureAnomalies(t.obs.storage, RULE, hour + HOUR + 60_000)).toEqual([]);
    expect(await measureAnomalies(t.obs.storage, RULE, T0 + 60_000)).toEqual([
      expect.objectContaining({
        offender: { dimension: 'agent.cost', value: 'Router' },
        message: expect.stringMatching(/^Router cost (this hour|per call this hour) \$/),
      }),
    ]);
  }, 120_000);
});
