import { Show } from 'solid-js';
import type { CacheResponse } from '../../../shared/api-types.js';
import { COLORS } from '../../charts/chart-theme.js';
import { timeSeriesOptions } from '../../charts/time-series-options.js';
import { ApexChart } from '../../components/apex-chart.js';
import { EmptyState } from '../../components/empty-state.js';
import { Panel } from '../../components/panel.js';
import { createRangeSeries, type Metric } from '../../create-range-series.js';
import { formatCompact } from '../../format.js';
import { CACHE_EMPTY } from './cache-empty.js';

const LOOKUPS: ReadonlyArray<Metric<CacheResponse['timeline'][number]>> = [
  { name: 'Hits', value: (p) => p.hits },
  { name: 'Misses', value: (p) => p.misses },
];

const OPTIONS = timeSeriesOptions({
  format: formatCompact,
  stacked: true,
  colors: [COLORS.green, COLORS.slate],
  columns: { width: '72%' },
});

/** The cache lookups you recorded per period: hits and misses stacked. */
export function HitsMissesPanel(props: { cache: CacheResponse }) {
  const series = createRangeSeries(() => props.cache.timeline, LOOKUPS);
  return (
    <Panel title="Hits and misses" hint="Cache lookups you recorded">
      <Show
        when={props.cache.kpis.lookups > 0}
        fallback={
          <EmptyState title="No cache lookups recorded" code={CACHE_EMPTY.code}>
            The clusters below are estimates from prompts alone.
          </EmptyState>
        }
      >
        <ApexChart name="cache-timeline" type="bar" height={260} series={series()} options={OPTIONS} />
      </Show>
    </Panel>
  );
}
