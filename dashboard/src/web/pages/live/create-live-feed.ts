import { type Accessor, createResource, createSignal, onCleanup, type Resource } from 'solid-js';
import type { LiveResponse } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';

/** The Live page's data, refetched every `liveRefreshMs` while not paused. */
interface LiveFeed {
  live: Resource<LiveResponse>;
  /** Ids shown before the latest refresh: rows not among them flash as new. */
  seen: Accessor<Set<string>>;
}

/** Polls `/api/live` for the project and window, remembering which events were already shown. */
export function createLiveFeed(window: Accessor<LiveResponse['window']>, paused: Accessor<boolean>): LiveFeed {
  const state = useAppState();
  const [live, { refetch }] = createResource(
    () => ({ project: state.project(), window: window() }),
    (params) => apiGet<LiveResponse>('live', params),
  );
  const [seen, setSeen] = createSignal(new Set<string>());
  let previous = new Set<string>();
  const tick = setInterval(() => {
    if (paused() || live.loading) return;
    previous = new Set(live.latest?.events.map((e) => e.id) ?? []);
    void Promise.resolve(refetch()).then(() => setSeen(previous));
  }, state.display().liveRefreshMs);
  onCleanup(() => clearInterval(tick));
  return { live, seen };
}
