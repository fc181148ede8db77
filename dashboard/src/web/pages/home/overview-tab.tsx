import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { RecentCallsPanel } from './recent-calls-panel.js';
import { RecentSessionsPanel } from './recent-sessions-panel.js';
import { SpendByAgentPanel } from './spend-by-agent-panel.js';
import { SpendOverTimePanel } from './spend-over-time-panel.js';
import { TrafficPanel } from './traffic-panel.js';

/** The Overview tab: where the money goes, traffic, and the newest sessions and calls. */
export function OverviewTab(props: { series: TimeSeriesPoint[] | undefined }) {
  return (
    <>
      <div class="grid cols-2-1">
        <SpendOverTimePanel />
        <SpendByAgentPanel />
      </div>
      <div class="grid cols-2">
        <TrafficPanel series={props.series} />
        <RecentSessionsPanel />
      </div>
      <RecentCallsPanel />
    </>
  );
}
