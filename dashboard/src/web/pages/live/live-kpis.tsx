import type { Resource } from 'solid-js';
import type { LiveResponse } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { KpiCard } from '../../components/kpi-card.js';
import { formatCompact, formatCost, formatDuration, formatPercent } from '../../format.js';
import { isAgentActive } from './is-agent-active.js';

/** Totals of the window: rate, spend, errors, latency and active agents. */
export function LiveKpis(props: { live: Resource<LiveResponse> }) {
  return (
    <AsyncView resource={props.live} skeletonHeight={110}>
      {(data) => (
        <div class="grid kpis">
          <KpiCard
            label="Calls / minute"
            value={data.totals.callsPerMinute.toFixed(data.totals.callsPerMinute < 10 ? 1 : 0)}
            foot={`${formatCompact(data.totals.calls)} calls in window`}
          />
          <KpiCard
            label="Spend"
            value={formatCost(data.totals.cost)}
            foot={`${formatCompact(data.totals.tokens)} tokens`}
          />
          <KpiCard
            label="Error rate"
            value={formatPercent(data.totals.errorRate)}
            foot={`${data.totals.errors} failed`}
          />
          <KpiCard
            label="Avg latency"
            value={formatDuration(data.totals.avgLatencyMs)}
            foot={`p95 ${formatDuration(data.totals.p95LatencyMs)}`}
          />
          <KpiCard
            label="Active agents"
            value={String(data.agents.filter((a) => isAgentActive(a.lastSeen, data.now)).length)}
            foot={`${data.agents.length} in window`}
          />
        </div>
      )}
    </AsyncView>
  );
}
