import { createMemo } from 'solid-js';
import type { CacheResponse } from '../../../shared/api-types.js';
import { barOptions } from '../../charts/bar-options.js';
import { COLORS } from '../../charts/chart-theme.js';
import { toBarSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';

/** Your cache's hit rate per agent, in percent. */
export function HitRateByAgentPanel(props: { cache: CacheResponse }) {
  const bars = createMemo(() =>
    toBarSeries(
      props.cache.byAgent.map((a) => ({ key: a.agent, ...a })),
      [{ name: 'Hit rate %', value: (a) => (a.hitRate.rate === null ? null : Math.round(a.hitRate.rate * 1000) / 10) }],
    ),
  );
  const options = () =>
    barOptions({
      categories: bars().categories,
      horizontal: true,
      colors: [COLORS.cyan],
      max: 100,
      format: (v) => `${v.toFixed(0)}%`,
      tooltip: (v) => `${v}%`,
      size: bars().categories.length < 3 ? '42%' : '62%',
      radius: 3,
    });
  return (
    <Panel title="Hit rate by agent">
      <ApexChart
        name="cache-by-agent"
        type="bar"
        height={Math.max(150, Math.min(260, 80 + bars().categories.length * 44))}
        series={bars().series}
        options={options()}
      />
    </Panel>
  );
}
