import type { Resource } from 'solid-js';
import type { SettingsResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost } from '../../format.js';

/** Every project with its calls and all-time cost; a click filters the dashboard to it. */
export function ProjectsPanel(props: { data: Resource<SettingsResponse> }) {
  const state = useAppState();
  return (
    <Panel title="Projects" flush>
      <AsyncView resource={props.data} skeletonHeight={160}>
        {(d) => (
          <DataTable
            rows={d.projects}
            onRowClick={(p) => state.setProject(p.name)}
            columns={[
              { header: 'Project', cell: (p) => p.name },
              { header: 'Calls', align: 'right', cell: (p) => formatCompact(p.calls) },
              { header: 'Cost (all time)', align: 'right', cell: (p) => formatCost(p.cost) },
            ]}
          />
        )}
      </AsyncView>
    </Panel>
  );
}
