import { createSignal, type Resource } from 'solid-js';
import type { BreakdownRow, CostResponse } from '../../../shared/api-types.js';
import { barOptions } from '../../charts/bar-options.js';
import { toBarSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { Tabs } from '../../components/tabs.js';
import { formatCompact, formatCost, formatModelName, formatPercent } from '../../format.js';

type By = 'model' | 'agent' | 'operation';
const BY: ReadonlyArray<readonly [By, string]> = [
  ['model', 'Model'],
  ['agent', 'Agent'],
  ['operation', 'Operation'],
];

/** Where the money goes: cost per model, agent or operation, as bars and a table. */
export function SpendBreakdownPanel(props: { cost: Resource<CostResponse> }) {
  const [by, setBy] = createSignal<By>('model');
  const rows = (data: CostResponse): BreakdownRow[] =>
    by() === 'model' ? data.byModel : by() === 'agent' ? data.byAgent : data.byOperation;
  const nameOf = (key: string) => (by() === 'model' ? formatModelName(key) : key || '(none)');
  return (
    <Panel title="Where the money goes" actions={<Tabs tabs={BY} value={by()} onChange={setBy} />}>
      <AsyncView resource={props.cost} skeletonHeight={300}>
        {(data) => {
          const bars = () =>
            toBarSeries(rows(data), [{ name: 'Cost', value: (r) => r.totalCost }], {
              nameOf: by() === 'model' ? formatModelName : undefined,
              limit: 10,
            });
          const options = () =>
            barOptions({
              categories: bars().categories,
              horizontal: true,
              format: formatCost,
              size: '60%',
              radius: 3,
              distributed: true,
            });
          return (
            <>
              <ApexChart
                name="cost-breakdown"
                type="bar"
                height={Math.max(200, bars().categories.length * 30)}
                series={bars().series}
                options={options()}
              />
              <DataTable
                rows={rows(data).slice(0, 8)}
                columns={[
                  { header: BY.find(([b]) => b === by())?.[1], class: 'nowrap', cell: (row) => nameOf(row.key) },
                  { header: 'Calls', align: 'right', cell: (row) => formatCompact(row.totalCalls) },
                  {
                    header: 'Cost / call',
                    align: 'right',
                    cell: (row) => formatCost(row.totalCalls ? row.totalCost / row.totalCalls : 0),
                  },
                  { header: 'Share', align: 'right', cell: (row) => formatPercent(row.costShare) },
                  { header: 'Cost', align: 'right', cell: (row) => formatCost(row.totalCost) },
                ]}
              />
            </>
          );
        }}
      </AsyncView>
    </Panel>
  );
}
