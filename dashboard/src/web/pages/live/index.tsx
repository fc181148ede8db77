import { useSearchParams } from '@solidjs/router';
import { createSignal } from 'solid-js';
import type { LiveResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { PageShell } from '../../components/page-shell.js';
import { Segmented } from '../../components/tabs.js';
import { AgentActivityPanel } from './agent-activity-panel.js';
import { createLiveFeed } from './create-live-feed.js';
import { EventStreamPanel } from './event-stream-panel.js';
import { LiveKpis } from './live-kpis.js';
import { ThroughputPanel } from './throughput-panel.js';

type Window = LiveResponse['window'];
const WINDOWS: ReadonlyArray<readonly [Window, string]> = [
  ['5m', '5 min'],
  ['15m', '15 min'],
  ['1h', '1 hour'],
  ['24h', '24 hours'],
];

/**
 * Live: refreshes by itself (every second by default, see Settings → Display), showing new
 * calls as they are written, window KPIs, throughput and per-agent activity.
 */
export function LivePage() {
  const state = useAppState();
  const [search, setSearch] = useSearchParams<{ window?: string }>();
  const window = (): Window => (WINDOWS.some(([w]) => w === search.window) ? (search.window as Window) : '15m');
  const [paused, setPaused] = createSignal(false);
  const { live, seen } = createLiveFeed(window, paused);
  return (
    <PageShell
      title="Live"
      subtitle={
        <span class="row" style={{ gap: '6px' }}>
          <span class={paused() ? 'dot' : 'dot live'} />{' '}
          {paused() ? 'Paused' : `Refreshing every ${state.display().liveRefreshMs / 1000}s`}
        </span>
      }
      hideRange
      actions={
        <>
          <Segmented label="Window" options={WINDOWS} value={window()} onChange={(w) => setSearch({ window: w })} />
          <button type="button" class="button" onClick={() => setPaused(!paused())}>
            {paused() ? 'Resume' : 'Pause'}
          </button>
        </>
      }
    >
      <LiveKpis live={live} />
      <div class="grid cols-2-1">
        <ThroughputPanel data={live.latest} />
        <AgentActivityPanel data={live.latest} />
      </div>
      <EventStreamPanel events={live.latest?.events ?? []} seen={seen()} />
    </PageShell>
  );
}
