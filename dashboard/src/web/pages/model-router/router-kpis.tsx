import type { RouterResponse } from '../../../shared/api-types.js';
import { KpiCard } from '../../components/kpi-card.js';
import { formatCompact, formatCost, formatPercent, formatScore } from '../../format.js';

/** Routed calls and their share, estimated savings, models chosen and the mean judge score. */
export function RouterKpis(props: { router: RouterResponse }) {
  const kpis = () => props.router.kpis;
  return (
    <div class="grid kpis">
      <KpiCard
        label="Routed calls"
        value={formatCompact(kpis().routedCalls)}
        foot={`${formatPercent(kpis().routedShare)} of ${formatCompact(kpis().totalCalls)} calls`}
      />
      <KpiCard label="Estimated savings" value={formatCost(kpis().savings)} foot="as your router estimated them" />
      <KpiCard label="Models chosen" value={String(kpis().modelsChosen)} foot="distinct models picked" />
      <KpiCard label="Avg judge score" value={formatScore(kpis().avgJudgeScore)} foot="all calls in range" />
    </div>
  );
}
