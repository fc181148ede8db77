import { A, useLocation } from '@solidjs/router';
import { For, type ParentProps } from 'solid-js';
import type { MetaResponse } from '../../shared/api-types.js';
import { Icon } from './icons.js';

const NAV: ReadonlyArray<readonly [string, string, string]> = [
  ['/', 'Mission Control', 'home'],
  ['/live', 'Live', 'live'],
  ['/sessions', 'Sessions', 'sessions'],
  ['/calls', 'Calls', 'calls'],
  ['/cost', 'Cost Estimator', 'cost'],
  ['/router', 'Model Router', 'router'],
  ['/cache', 'Cache Analyzer', 'cache'],
  ['/judge', 'LLM Judge', 'judge'],
  ['/prompts', 'Prompt Optimizer', 'prompt'],
  ['/settings', 'Settings', 'settings'],
];

/** Sidebar navigation (keeping ?project= and ?range= across pages) and the page area. */
export function Layout(props: ParentProps<{ meta: MetaResponse | null }>) {
  const location = useLocation();
  const meta = { latest: props.meta };
  const keep = () => {
    const params = new URLSearchParams(location.search);
    const kept = new URLSearchParams();
    for (const key of ['project', 'range']) {
      const value = params.get(key);
      if (value) kept.set(key, value);
    }
    const text = kept.toString();
    return text ? `?${text}` : '';
  };
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Pages">
        <div class="brand">
          <span class="brand-mark" />
          Observatory
        </div>
        <div class="nav-section">Monitor</div>
        <For each={NAV.slice(0, 4)}>
          {([path, label, icon]) => <NavLink path={path} label={label} icon={icon} search={keep()} />}
        </For>
        <div class="nav-section">Analyze</div>
        <For each={NAV.slice(4, 9)}>
          {([path, label, icon]) => <NavLink path={path} label={label} icon={icon} search={keep()} />}
        </For>
        <div class="nav-section">Configure</div>
        <For each={NAV.slice(9)}>
          {([path, label, icon]) => <NavLink path={path} label={label} icon={icon} search={keep()} />}
        </For>
        <div class="sidebar-footer" title={meta.latest?.database}>
          {meta.latest
            ? `${meta.latest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} · ${meta.latest.database}`
            : ' '}
        </div>
      </nav>
      <div class="main">{props.children}</div>
    </div>
  );
}

function NavLink(props: { path: string; label: string; icon: string; search: string }) {
  return (
    <A href={`${props.path}${props.search}`} class="nav-link" activeClass="active" end={props.path === '/'}>
      <Icon name={props.icon} />
      {props.label}
    </A>
  );
}
