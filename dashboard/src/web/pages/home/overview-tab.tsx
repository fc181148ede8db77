import type { AnomalyMarker, TimeSeriesPoint } from '../../../shared/api-types.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { AnomaliesPanel } from './anomalies-panel.js';
import { RecentCallsPanel } from './recent-calls-panel.js';
import { RecentSessionsPanel } from './recent-sessions-panel.js';
import { SpendByAgentPanel } from './spend-by-agent-panel.js';
import { SpendOverTimePanel } from './spend-over-time-panel.js';
import { TrafficPanel } from './traffic-panel.js';

/** The Overview tab: where the money goes (and where it went unusually), traffic, and the newest sessions and calls. */
export function OverviewTab(props: { series: TimeSeriesPoint[] | undefined }) {
  const anomalies = createFilteredResource<{ items: AnomalyMarker[] }>('alerts/anomalies');
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
