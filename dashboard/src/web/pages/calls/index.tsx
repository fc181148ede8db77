import { useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { ApiResponses } from '../../../shared/api-responses.js';
import { apiGet, apiUrl } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { CallDrawer } from '../../components/call-drawer.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { type ListFilterField, ListFilterForm, SHARED_LIST_FILTERS } from '../../components/list-filter-form.js';
import { PageShell } from '../../components/page-shell.js';
import { Panel } from '../../components/panel.js';
import { formatInteger } from '../../format.js';
import { CallsTable } from './calls-table.js';

const FIELDS: ListFilterField[] = [
  { name: 'q', label: 'Words in the prompt or response', kind: 'text', placeholder: 'refund policy', width: 220 },
  {
    name: 'status',
    label: 'Status',
    kind: 'select',
    options: [
      ['', 'Any'],
      ['ok', 'OK'],
      ['error', 'Error'],
    ],
  },
  ...SHARED_LIST_FILTERS,
  { name: 'minLatency', label: 'Latency ≥ ms', kind: 'number', width: 100 },
  { name: 'maxLatency', label: 'Latency ≤ ms', kind: 'number', width: 100 },
];

/** Every call, filtered and searched by the words of its prompt or response; /calls/:id opens one. */
export function CallsPage() {
  const state = useAppState();
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const [search] = useSearchParams<Record<string, string>>();
  const filters = () => ({
    ...state.filter(),
    ...Object.fromEntries(FIELDS.map((field) => [field.name, search[field.name]])),
    // A link from a run narrows the list to its calls.
    session: search.session,
  });
  const [calls] = createResource(
    () => ({ ...filters(), cursor: search.cursor, limit: 50 }),
    (p) => apiGet<ApiResponses['GET /api/calls']>('calls', p),
  );
  const close = () => navigate(`/calls${window.location.search}`);
  return (
    <PageShell
      title="Calls"
      subtitle="Find a call by its words, metadata, cost or latency; export exactly what is listed"
      actions={
        <>
          <a class="button nowrap" href={apiUrl('export', { ...filters(), format: 'csv' })} download="" data-export-csv>
            Export CSV
          </a>
          <a class="button nowrap" href={apiUrl('export', { ...filters(), format: 'json' })} download="">
            Export NDJSON
          </a>
        </>
      }
    >
      <Panel>
        <ListFilterForm fields={FIELDS} />
      </Panel>
      <Panel flush>
        <AsyncView resource={calls} skeletonHeight={480}>
          {(page) => (
            <>
              <div class="panel-hint" style={{ padding: '10px 16px' }} data-calls-total>
                {formatInteger(page.total)}
                {page.totalIsLowerBound ? '+' : ''} matching call{page.total === 1 ? '' : 's'}
              </div>
              <CallsTable
                calls={page.items}
                onOpen={(id) => navigate(`/calls/${encodeURIComponent(id)}${window.location.search}`)}
              />
              <CursorPager nextCursor={page.nextCursor} shown={page.items.length} />
            </>
          )}
        </AsyncView>
      </Panel>
      <Show when={params.id}>{(id) => <CallDrawer id={id()} onClose={close} />}</Show>
    </PageShell>
  );
}
