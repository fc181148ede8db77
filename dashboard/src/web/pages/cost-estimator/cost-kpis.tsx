import type { Resource } from 'solid-js';
import type { CostResponse } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { KpiCard } from '../../components/kpi-card.js';
import { formatCompact, formatCost, unpricedNote } from '../../format.js';

/** Spend in range, the daily run-rate, the forecast of the horizon and what was saved. */
export function CostKpis(props: {
  cost: Resource<CostResponse>;
  horizon: string;
  /** The forecast shown (simple or advanced with growth), dollars over the horizon. */
  projection: { total: number; low: number; high: number } | null;
}) {
  return (
    <AsyncView resource={props.cost} skeletonHeight={110}>
      {(data) => (
        <div class="grid kpis">
          <KpiCard
            label="Spend in range"
            value={formatCost(data.totals.totalCost)}
            foot={`${formatCompact(data.totals.totalCalls)} calls over ${data.range.days.toFixed(data.range.days < 2 ? 1 : 0)} days${unpricedNote(data.totals)}`}
          />
          <KpiCard
            label="Daily run-rate"
            value={formatCost(data.forecast?.runRatePerDay ?? null)}
            foot={
              data.forecast
                ? `mean of the last ${Math.min(7, data.forecast.history.length)} full days`
                : 'needs one full day'
            }
          />
          <KpiCard
            label={`Next ${props.horizon} days`}
            value={formatCost(props.projection?.total ?? null)}
            foot={
              props.projection
                ? `${formatCost(props.projection.low)} – ${formatCost(props.projection.high)} (95%)`
                : '—'
            }
          />
          <KpiCard
            label="Saved in range"
            value={formatCost(data.savings.total)}
            foot="cache, prompt caching and routing"
          />
        </div>
      )}
    </AsyncView>
  );
}
