import { createMemo } from 'solid-js';
import type { BreakdownRow } from '../../../shared/api-types.js';
import { barOptions } from '../../charts/bar-options.js';
import { toBarSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatCost } from '../../format.js';

/** Cost per model, agent or metadata value, largest first. */
export function BreakdownCostPanel(props: {
  /** What the rows are: `model`, `agent`, or a metadata key. */
  by: string;
  rows: BreakdownRow[];
  nameOf: (key: string) => string;
}) {
  const bars = createMemo(() =>
    toBarSeries(props.rows, [{ name: 'Cost', value: (r) => r.totalCost }], { nameOf: props.nameOf }),
  );
  const options = () =>
    barOptions({
      categories: bars().categories,
      horizontal: true,
      format: formatCost,
      size: '62%',
      radius: 3,
    });
  return (
    <Panel title={`Cost by ${props.by}`}>
      <ApexChart
        name={`cost-by-${props.by === 'model' || props.by === 'agent' ? props.by : 'metadata'}-bars`}
        type="bar"
        height={280}
        series={bars().series}
        options={options()}
      />
    </Panel>
  );
}
