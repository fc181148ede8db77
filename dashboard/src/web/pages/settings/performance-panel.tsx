import type { Resource } from 'solid-js';
import type { SettingsResponse } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatDuration, formatInteger } from '../../format.js';

/** API response times per route, measured by this server since it started; columns sort on a click. */
export function PerformancePanel(props: { data: Resource<SettingsResponse> }) {
  return (
    <Panel title="Performance" hint="API response times measured by this server since it started" flush>
      <AsyncView resource={props.data} skeletonHeight={160}>
        {(d) => (
          <DataTable
            rows={d.performance.slice(0, 12)}
            empty="No requests yet."
            columns={[
              { header: 'Endpoint', class: 'mono', cell: (row) => row.route },
              { header: 'Requests', figure: (row) => row.count, format: formatInteger },
              { header: 'p50', figure: (row) => row.p50Ms, format: formatDuration },
              { header: 'p95', figure: (row) => row.p95Ms, format: formatDuration },
            ]}
          />
        )}
      </AsyncView>
    </Panel>
  );
}
