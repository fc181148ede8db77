import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { ApiResponses } from '../../../shared/api-responses.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { type ListFilterField, ListFilterForm, SHARED_LIST_FILTERS } from '../../components/list-filter-form.js';
import { PageShell } from '../../components/page-shell.js';
import { Panel } from '../../components/panel.js';
import { SessionsTable } from './sessions-table.js';

const FIELDS: ListFilterField[] = [
  { name: 'q', label: 'Words in a prompt or response', kind: 'text', placeholder: 'refund policy', width: 200 },
  {
    name: 'status',
    label: 'Status',
    kind: 'select',
    options: [
      ['', 'Any'],
      ['success', 'OK'],
      ['failed', 'Failed'],
      ['open', 'Running'],
      ['cancelled', 'Cancelled'],
    ],
  },
  ...SHARED_LIST_FILTERS,
  { name: 'minDuration', label: 'Duration ≥ ms', kind: 'number', width: 100 },
  { name: 'maxDuration', label: 'Duration ≤ ms', kind: 'number', width: 100 },
  {
    name: 'sort',
    label: 'Sort by',
    kind: 'select',
    options: [
      ['', 'Newest'],
      ['cost', 'Cost'],
      ['duration', 'Duration'],
      ['calls', 'Calls'],
    ],
  },
];

/** Every session of the project and range, filtered, sorted and paged by keyset. */
export function SessionsPage() {
  const state = useAppState();
  const [search] = useSearchParams<Record<string, string>>();
  const params = () => ({
    ...state.filter(),
    ...Object.fromEntries(FIELDS.map((field) => [field.name, search[field.name]])),
    cursor: search.cursor,
    limit: 50,
  });
  const [sessions] = createResource(params, (p) => apiGet<ApiResponses['GET /api/sessions']>('sessions', p));
  return (
    <PageShell title="Sessions" subtitle="One row per agent run or workflow; open one to see what happened in it">
      <Panel>
        <ListFilterForm fields={FIELDS} />
      </Panel>
      <Panel flush>
        <AsyncView resource={sessions} skeletonHeight={480}>
          {(page) => (
            <>
              <SessionsTable sessions={page.items} />
              <CursorPager nextCursor={page.nextCursor} shown={page.items.length} />
            </>
          )}
        </AsyncView>
      </Panel>
    </PageShell>
  );
}
