import type { JudgeResponse } from '../../../shared/api-types.js';
import { KpiCard } from '../../components/kpi-card.js';
import { formatCompact, formatInteger, formatPercent } from '../../format.js';

/** The mean judge score with its interval, coverage, and the hallucination and factual error rates. */
export function JudgeKpis(props: { judge: JudgeResponse }) {
  const kpis = () => props.judge.kpis;
  return (
    <div class="grid kpis">
      <KpiCard
        label="Mean judge score"
        value={kpis().score.mean?.toFixed(2) ?? '—'}
        foot={
          kpis().score.low !== null ? `95% CI ${kpis().score.low?.toFixed(2)}–${kpis().score.high?.toFixed(2)}` : ''
        }
      />
      <KpiCard
        label="Judged calls"
        value={formatCompact(kpis().judgedCalls)}
        foot={`${formatPercent(kpis().coverage)} of calls`}
      />
      <KpiCard
        label="Hallucination rate"
        value={formatPercent(kpis().hallucinations.rate)}
        foot={`${formatInteger(kpis().hallucinations.count)} flagged · CI ${formatPercent(kpis().hallucinations.low)}–${formatPercent(kpis().hallucinations.high)}`}
      />
      <KpiCard
        label="Factual error rate"
        value={formatPercent(kpis().factualErrors.rate)}
        foot={`${formatInteger(kpis().factualErrors.count)} flagged`}
      />
    </div>
  );
}
