import { A } from '@solidjs/router';
import { createResource, type JSX, onCleanup, type Resource, Show } from 'solid-js';
import type { AlertsResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { AsyncView } from './async-view.js';
import { EmptyState } from './empty-state.js';
import { FilterBar } from './filter-bar.js';
import { Icon } from './icons.js';

/** What a page says while nothing is recorded for it: a title, what to record, and a snippet. */
export interface EmptyContent {
  title: string;
  text: string;
  code?: string;
}

interface ShellChrome {
  title: string;
  subtitle?: JSX.Element;
  /** Page controls, shown left of the alerts and the filters. */
  actions?: JSX.Element;
  /** Hides the time-range filter (pages with their own window, or none); the project filter stays. */
  hideRange?: boolean;
}

/** A page's data without the API's `{ empty: true }` answer. */
type Loaded<T> = Exclude<T, { empty: true }>;

/** The panels as they are, with an empty state shown instead while `empty.when` holds. */
interface StaticShellProps extends ShellChrome {
  resource?: undefined;
  empty?: EmptyContent & { when: boolean };
  children: JSX.Element;
}

/**
 * The panels of one request: a skeleton while it first loads, the server's error, the empty
 * state when the API answers `{ empty: true }`, else the panels (kept while a refetch runs).
 */
interface LoadedShellProps<T> extends ShellChrome {
  resource: Resource<T>;
  empty: EmptyContent;
  children: (data: Loaded<T>) => JSX.Element;
}

/**
 * Every page's frame: the sticky top bar (title, subtitle, page actions, firing alerts, the
 * project and time-range filters) and the content area with its loading, error and empty states.
 *
 * @example
 * const data = createFilteredResource<RouterResponse | EmptyResponse>('router');
 * <PageShell title="Model Router" resource={data} empty={ROUTER_EMPTY}>
 *   {(router) => <RouterKpis router={router} />}
 * </PageShell>
 */
export function PageShell<T>(props: StaticShellProps | LoadedShellProps<T>) {
  const state = useAppState();
  const [alerts, { refetch }] = createResource(() => apiGet<AlertsResponse>('alerts'));
  const timer = setInterval(() => void refetch(), 30_000);
  onCleanup(() => clearInterval(timer));
  const firing = () => alerts.latest?.firing ?? [];
  const showEmpty = (empty: EmptyContent) => (
    <EmptyState title={empty.title} code={empty.code}>
      {empty.text}
    </EmptyState>
  );
  const body = () => {
    if (props.resource === undefined) {
      const shell = props as StaticShellProps;
      return (
        <Show when={!shell.empty?.when} fallback={shell.empty && showEmpty(shell.empty)}>
          {shell.children}
        </Show>
      );
    }
    const shell = props as LoadedShellProps<T>;
    return (
      <AsyncView resource={shell.resource} skeletonHeight={420}>
        {(data) => (isEmptyAnswer(data) ? showEmpty(shell.empty) : shell.children(data as Loaded<T>))}
      </AsyncView>
    );
  };
  return (
    <>
      <header class="topbar">
        <div>
          <h1>{props.title}</h1>
          <Show when={props.subtitle}>
            <div class="subtitle">{props.subtitle}</div>
          </Show>
        </div>
        <div class="topbar-spacer" />
        {props.actions}
        <Show when={firing().length > 0}>
          <A
            class="alert-pill"
            href={`/settings?project=${encodeURIComponent(state.project())}#alerts`}
            title={firing()
              .map((f) => f.message)
              .join('\n')}
          >
            <span style={{ width: '15px', height: '15px', display: 'inline-flex' }}>
              <Icon name="bell" />
            </span>
            {firing().length} alert{firing().length === 1 ? '' : 's'} firing
          </A>
        </Show>
        <FilterBar hideRange={props.hideRange} />
      </header>
      <main class="content">{body()}</main>
    </>
  );
}

/** The API's answer for a page with nothing recorded yet: `{ empty: true }`. */
function isEmptyAnswer(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { empty?: unknown }).empty === true;
}
