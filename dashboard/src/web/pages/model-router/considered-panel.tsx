import type { RouterResponse } from '../../../shared/api-types.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatInteger, formatModelName, formatPercent } from '../../format.js';

/** How often each model was among the candidates and how often it won, with a Wilson interval. */
export function ConsideredPanel(props: { router: RouterResponse }) {
  return (
    <Panel title="Considered vs chosen" hint={`Newest ${formatInteger(props.router.sample.size)} decisions`} flush>
      <DataTable
        rows={props.router.considered}
        columns={[
          { header: 'Model', class: 'nowrap', cell: (c) => formatModelName(c.model) },
          { header: 'Considered', align: 'right', cell: (c) => formatInteger(c.considered) },
          { header: 'Chosen', align: 'right', cell: (c) => formatInteger(c.chosen) },
          {
            header: 'Win rate (95% CI)',
            align: 'right',
            cell: (c) => (
              <>
                {formatPercent(c.winRate.rate)}{' '}
                <span class="faint">
                  ({formatPercent(c.winRate.low, 0)}–{formatPercent(c.winRate.high, 0)})
                </span>
              </>
            ),
          },
        ]}
      />
    </Panel>
  );
}
