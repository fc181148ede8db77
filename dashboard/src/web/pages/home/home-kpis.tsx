import { For } from 'solid-js';
import type { OverviewResponse, TimeSeriesPoint } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { KpiCard, type KpiCardProps, relativeChange } from '../../components/kpi-card.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import {
  formatCompact,
  formatCost,
  formatDuration,
  formatInteger,
  formatPercent,
  formatScore,
  unpricedNote,
} from '../../format.js';

/** A headline figure: its value and change come from the overview, its sparkline from the same figure per period. */
type HomeKpi = {
  label: string;
  format: (value: number | null) => string;
  goodWhen: KpiCardProps['goodWhen'];
  /** `fair`: the previous period had enough traffic to compare with. */
  foot: (o: OverviewResponse, fair: boolean) => string;
} & (
  | { figure: 'totalCost' | 'totalCalls' | 'totalTokens' | 'avgLatencyMs' | 'errorRate'; spark: string }
  | { figure: 'p95LatencyMs' | 'cacheHitRate' | 'avgJudgeScore'; spark?: undefined }
);

const KPIS: HomeKpi[] = [
  {
    label: 'Total cost',
    figure: 'totalCost',
    format: formatCost,
    goodWhen: 'down',
    spark: 'var(--accent)',
    foot: (o, fair) =>
      (fair
        ? `${formatCost(o.previous?.totalCost)} previous period`
        : `${formatCost(o.totalCalls ? o.totalCost / o.totalCalls : 0)} per call`) + unpricedNote(o),
  },
  {
    label: 'LLM calls',
    figure: 'totalCalls',
    format: formatCompact,
    goodWhen: 'neither',
    spark: 'var(--cyan)',
    foot: (o) => `${formatCompact(o.totalSessions)} sessions`,
  },
  {
    label: 'Tokens',
    figure: 'totalTokens',
    format: formatCompact,
    goodWhen: 'neither',
    spark: 'var(--cyan)',
    foot: (o) => `${formatPercent(o.promptTokens ? o.cachedPromptTokens / o.promptTokens : 0)} of input cached`,
  },
  {
    label: 'Avg latency',
    figure: 'avgLatencyMs',
    format: formatDuration,
    goodWhen: 'down',
    spark: 'var(--amber)',
    foot: (o) => `p50 ${formatDuration(o.p50LatencyMs)}`,
  },
  {
    label: 'p95 latency',
    figure: 'p95LatencyMs',
    format: formatDuration,
    goodWhen: 'down',
    foot: (o) => `p99 ${formatDuration(o.p99LatencyMs)}`,
  },
  {
    label: 'Error rate',
    figure: 'errorRate',
    format: formatPercent,
    goodWhen: 'down',
    spark: 'var(--red)',
    foot: (o) => `${formatInteger(o.errorCalls)} failed calls`,
  },
  {
    label: 'Cache hit rate',
    figure: 'cacheHitRate',
    format: formatPercent,
    goodWhen: 'up',
    foot: (o) => `${formatCompact(o.cacheLookups)} lookups`,
  },
  {
    label: 'Avg judge score',
    figure: 'avgJudgeScore',
    format: formatScore,
    goodWhen: 'up',
    foot: (o) => `${formatCompact(o.judgedCalls)} judged`,
  },
];

/** The headline numbers of the range against the previous period of the same length, with sparklines. */
export function HomeKpis(props: { series: TimeSeriesPoint[] | undefined }) {
  const overview = createFilteredResource<OverviewResponse>('overview', () => ({ compare: true }));
  const spark = (kpi: HomeKpi) =>
    kpi.spark === undefined ? undefined : (props.series ?? []).map((p) => p[kpi.figure]);
  return (
    <AsyncView resource={overview} skeletonHeight={110}>
      {(o) => {
        // A previous period with under a tenth of the traffic (before recording started) is no baseline.
        const fair = (o.previous?.totalCalls ?? 0) >= 0.1 * o.totalCalls;
        return (
          <div class="grid kpis">
            <For each={KPIS}>
              {(kpi) => (
                <KpiCard
                  label={kpi.label}
                  value={kpi.format(o[kpi.figure])}
                  delta={relativeChange(o[kpi.figure], o.previous?.[kpi.figure], fair)}
                  goodWhen={kpi.goodWhen}
                  spark={spark(kpi)}
                  sparkColor={kpi.spark}
                  foot={kpi.foot(o, fair)}
                />
              )}
            </For>
          </div>
        );
      }}
    </AsyncView>
  );
}
