import { A } from '@solidjs/router';
import { createResource, type JSX, onCleanup, Show } from 'solid-js';
import type { AlertsResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { FilterBar } from './filter-bar.js';
import { Icon } from './icons.js';

/** The sticky top bar of a page: title, subtitle, filters, firing alerts and page actions. */
export function PageHeader(props: {
  title: string;
  subtitle?: JSX.Element;
  hideRange?: boolean;
  actions?: JSX.Element;
}) {
  const state = useAppState();
  const [alerts, { refetch }] = createResource(() => apiGet<AlertsResponse>('alerts'));
  const timer = setInterval(() => void refetch(), 30_000);
  onCleanup(() => clearInterval(timer));
  return (
    <header class="topbar">
      <div>
        <h1>{props.title}</h1>
        <Show when={props.subtitle}>
          <div class="subtitle">{props.subtitle}</div>
        </Show>
      </div>
      <div class="topbar-spacer" />
      {props.actions}
      <Show when={(alerts.latest?.firing.length ?? 0) > 0}>
        <A
          class="alert-pill"
          href={`/settings?project=${encodeURIComponent(state.project())}#alerts`}
          title={alerts.latest?.firing.map((f) => f.message).join('\n')}
        >
          <span style={{ width: '15px', height: '15px', display: 'inline-flex' }}>
            <Icon name="bell" />
          </span>
          {alerts.latest?.firing.length} alert{alerts.latest?.firing.length === 1 ? '' : 's'} firing
        </A>
      </Show>
      <FilterBar hideRange={props.hideRange} />
    </header>
  );
}
