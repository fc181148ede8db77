import type { TimeSeriesPoint } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { LatencyTrendPanel } from './latency-trend-panel.js';
import { RatesTrendPanel } from './rates-trend-panel.js';
import { TokensTrendPanel } from './tokens-trend-panel.js';
import { WeekdayHourPanel } from './weekday-hour-panel.js';

/** The Trends tab: tokens, latency, error and cache-hit rates per period, and when calls happen. */
export function TrendsTab() {
  const state = useAppState();
  const daily = createFilteredResource<{ points: TimeSeriesPoint[] }>('timeseries', () => ({
    interval: state.range() === '24h' ? 'hour' : 'day',
  }));
  return (
    <>
      <div class="grid cols-2">
        <TokensTrendPanel points={daily.latest?.points ?? []} />
        <LatencyTrendPanel points={daily.latest?.points ?? []} />
      </div>
      <div class="grid cols-2">
        <RatesTrendPanel points={daily.latest?.points ?? []} />
        <WeekdayHourPanel />
      </div>
    </>
  );
}
