import { createResource } from 'solid-js';
import type { AnomalyMarker, TimeSeriesPoint } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AnomaliesPanel, type SeriesAnomaly } from './anomalies-panel.js';
import { RecentCallsPanel } from './recent-calls-panel.js';
import { RecentSessionsPanel } from './recent-sessions-panel.js';
import { SpendByAgentPanel } from './spend-by-agent-panel.js';
import { SpendOverTimePanel } from './spend-over-time-panel.js';
import { TrafficPanel } from './traffic-panel.js';

/** The Overview tab: where the money goes (and where it went unusually), traffic, and the newest sessions and calls. */
export function OverviewTab(props: { series: TimeSeriesPoint[] | undefined }) {
  const anomalies = createAnomaliesResource();
  return (
    <>
      <div class="grid cols-2-1">
        <SpendOverTimePanel anomalies={anomalies.latest?.items ?? []} />
        <SpendByAgentPanel />
      </div>
      <AnomaliesPanel anomalies={anomalies} />
      <div class="grid cols-2">
        <TrafficPanel series={props.series} />
        <RecentSessionsPanel />
      </div>
      <RecentCallsPanel />
    </>
  );
}

/** The range's anomalies of every model and every agent, newest first. */
function createAnomaliesResource() {
  const state = useAppState();
  const [anomalies] = createResource(
    () => state.filter(),
    async (filter) => {
      const judged = await Promise.all(
        (['model', 'agent'] as const).map(async (by) => {
          const { items } = await apiGet<{ items: AnomalyMarker[] }>('alerts/anomalies', { ...filter, by });
          return items.map((anomaly): SeriesAnomaly => ({ ...anomaly, by }));
        }),
      );
      return { items: judged.flat().sort((a, b) => b.hourStart - a.hourStart || b.score - a.score) };
    },
  );
  return anomalies;
}
