import type { PromptVariant } from '../../../shared/api-types.js';
import { DataTable } from '../../components/data-table.js';
import { Meter } from '../../components/meter.js';
import { Panel } from '../../components/panel.js';
import { formatInteger, formatModelName, formatPercent } from '../../format.js';

/** Which models served the selected variant, and how much of it your router routed. */
export function RoutingImpactPanel(props: { variant: PromptVariant }) {
  return (
    <Panel
      title={`Models behind “${props.variant.variant}”`}
      hint={`${formatPercent(props.variant.routedShare)} of its calls were routed by your router`}
      flush
    >
      <DataTable
        rows={props.variant.models}
        columns={[
          { header: 'Model', cell: (m) => formatModelName(m.model) },
          { header: 'Calls', align: 'right', cell: (m) => formatInteger(m.calls) },
          {
            header: 'Share',
            cell: (m) => (
              <Meter percent={m.share * 100} width="140px" label={formatPercent(m.share)} labelClass="faint" />
            ),
          },
        ]}
      />
    </Panel>
  );
}
