import { createMemo } from 'solid-js';
import type { BreakdownRow } from '../../../shared/api-types.js';
import { donutOptions } from '../../charts/donut-options.js';
import { toDonutSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { formatCost } from '../../format.js';

/** Each agent's share of the spend in range. */
export function SpendByAgentPanel() {
  const byAgent = createFilteredResource<{ rows: BreakdownRow[] }>('breakdown', () => ({ by: 'agent' }));
  const donut = createMemo(() => toDonutSeries(byAgent.latest?.rows ?? [], (r) => r.totalCost));
  const options = () => donutOptions({ labels: donut().labels, size: '68%', center: formatCost, tooltip: formatCost });
  return (
    <Panel title="Spend by agent" hint="Share of cost in range">
      <ApexChart name="cost-by-agent" type="donut" height={290} series={donut().series} options={options()} />
    </Panel>
  );
}
