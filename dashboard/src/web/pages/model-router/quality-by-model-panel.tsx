import type { RouterResponse } from '../../../shared/api-types.js';
import { CiBar, formatEstimate } from '../../components/ci-bar.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost, formatInteger, formatModelName } from '../../format.js';

/** Each chosen model's routed calls, cost per call and mean judge score with its interval. */
export function QualityByModelPanel(props: { router: RouterResponse }) {
  return (
    <Panel title="Quality by chosen model" hint="Mean judge score with 95% confidence interval" flush>
      <DataTable
        rows={props.router.scatter.filter((m) => m.routedCalls > 0)}
        columns={[
          { header: 'Model', class: 'nowrap', cell: (m) => formatModelName(m.model) },
          { header: 'Routed', align: 'right', cell: (m) => formatCompact(m.routedCalls) },
          { header: 'Cost / call', align: 'right', cell: (m) => formatCost(m.costPerCall) },
          { header: 'Score [95% CI]', align: 'right', cell: (m) => formatEstimate(m.judge) },
          { header: 'Interval', style: { width: '110px' }, cell: (m) => <CiBar estimate={m.judge} /> },
          { header: 'n', align: 'right', class: 'faint', cell: (m) => formatInteger(m.judge.n) },
        ]}
      />
    </Panel>
  );
}
