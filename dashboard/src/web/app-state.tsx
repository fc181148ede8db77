import { useSearchParams } from '@solidjs/router';
import {
  type Accessor,
  createContext,
  createResource,
  createSignal,
  onCleanup,
  type ParentProps,
  useContext,
} from 'solid-js';
import type { DashboardSettings } from '../shared/api-types.js';
import { DEFAULT_SETTINGS } from '../shared/dashboard-settings.js';
import { apiGet } from './api.js';
import type { TimeZoneChoice } from './format.js';

export const RANGES = ['24h', '7d', '14d', '30d', '90d', 'all'] as const;
export type RangeChoice = (typeof RANGES)[number];

interface AppState {
  /** Selected project; '' means all projects. */
  project: Accessor<string>;
  setProject(project: string): void;
  range: Accessor<RangeChoice>;
  setRange(range: RangeChoice): void;
  /** project + range, ready to spread into API parameters. */
  filter: Accessor<{ project: string; range: RangeChoice }>;
  /** Width of a chart bucket for the selected range, ms: an hour for 24h, else a day. */
  stepMs: Accessor<number>;
  projects: Accessor<string[] | undefined>;
  display: Accessor<DashboardSettings['display']>;
  setDisplay(display: DashboardSettings['display']): void;
  timezone: Accessor<TimeZoneChoice>;
  /** Wall clock, ticking every second (for "3s ago"). */
  now: Accessor<number>;
}

const AppStateContext = createContext<AppState>();

const DEFAULT_DISPLAY = DEFAULT_SETTINGS.display;

/** Filters live in the URL (?project=&range=), so every view can be linked and reloaded. */
export function AppStateProvider(props: ParentProps<{ display?: DashboardSettings['display'] }>) {
  const [search, setSearch] = useSearchParams<{ project?: string; range?: string }>();
  const [display, setDisplayState] = createSignal(props.display ?? DEFAULT_DISPLAY);
  const [projects] = createResource(() => apiGet<string[]>('projects'));
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));

  const project = () => (typeof search.project === 'string' ? search.project : '');
  const range = (): RangeChoice => {
    const value = search.range;
    return (RANGES as readonly string[]).includes(value ?? '') ? (value as RangeChoice) : display().defaultRange;
  };
  const applyTheme = (theme: 'dark' | 'light') => document.documentElement.setAttribute('data-theme', theme);
  applyTheme(display().theme);

  const state: AppState = {
    project,
    setProject: (value) => setSearch({ project: value || undefined }),
    range,
    setRange: (value) => setSearch({ range: value }),
    filter: () => ({ project: project(), range: range() }),
    stepMs: () => (range() === '24h' ? 3_600_000 : 86_400_000),
    projects: () => projects(),
    display,
    setDisplay: (value) => {
      setDisplayState(value);
      applyTheme(value.theme);
    },
    timezone: () => display().timezone,
    now,
  };
  return <AppStateContext.Provider value={state}>{props.children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
