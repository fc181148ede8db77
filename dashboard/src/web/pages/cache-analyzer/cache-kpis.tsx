import type { CacheResponse } from '../../../shared/api-types.js';
import { KpiCard } from '../../components/kpi-card.js';
import { formatCompact, formatCost, formatInteger, formatPercent } from '../../format.js';

/** Your cache's hit rate and lookups, and the share of sampled calls a response cache could have served. */
export function CacheKpis(props: { cache: CacheResponse; threshold: number }) {
  const kpis = () => props.cache.kpis;
  return (
    <div class="grid kpis">
      <KpiCard
        label="Cache hit rate"
        value={formatPercent(kpis().hitRate.rate)}
        foot={
          kpis().hitRate.rate === null
            ? 'no lookups recorded'
            : `95% CI ${formatPercent(kpis().hitRate.low)}–${formatPercent(kpis().hitRate.high)}`
        }
      />
      <KpiCard label="Lookups" value={formatCompact(kpis().lookups)} foot={`${formatCompact(kpis().hits)} hits`} />
      <KpiCard
        label="Prompt templates"
        value={formatInteger(kpis().clusters)}
        foot={`template similarity ≥ ${props.threshold}%`}
      />
      <KpiCard
        label="Cacheable repeats"
        value={formatPercent(kpis().cacheableShare)}
        foot={`of the newest ${formatCompact(props.cache.sample.size)} calls`}
      />
      <KpiCard
        label="Response-cache savings"
        value={formatCost(kpis().potentialMonthlySavings)}
        foot={`a month, of ${formatCost(kpis().monthlySpend)} spent`}
      />
    </div>
  );
}
