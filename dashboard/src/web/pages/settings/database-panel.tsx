import type { Resource } from 'solid-js';
import type { SettingsResponse } from '../../../shared/api-types.js';
import { apiUrl } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { Panel } from '../../components/panel.js';
import { formatInteger } from '../../format.js';

/** The store: where, which engine, its size and row counts, and CSV / NDJSON export of the project. */
export function DatabasePanel(props: { data: Resource<SettingsResponse> }) {
  const state = useAppState();
  return (
    <Panel title="Database">
      <AsyncView resource={props.data} skeletonHeight={180}>
        {(d) => (
          <dl class="kv">
            <dt>Store</dt>
            <dd class="mono">{d.database.description}</dd>
            <dt>Engine</dt>
            <dd>{d.database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}</dd>
            <dt>Size</dt>
            <dd>{d.database.sizeBytes === null ? '—' : `${(d.database.sizeBytes / 1024 / 1024).toFixed(1)} MB`}</dd>
            <dt>Calls</dt>
            <dd>{formatInteger(d.database.calls)}</dd>
            <dt>Sessions</dt>
            <dd>{formatInteger(d.database.sessions)}</dd>
            <dt>Rollup rows</dt>
            <dd>{formatInteger(d.database.rollupRows)}</dd>
            <dt>Export</dt>
            <dd class="row">
              <a class="button" href={apiUrl('export', { format: 'csv', project: state.project() })}>
                CSV
              </a>
              <a class="button" href={apiUrl('export', { format: 'json', project: state.project() })}>
                NDJSON
              </a>
            </dd>
          </dl>
        )}
      </AsyncView>
    </Panel>
  );
}
