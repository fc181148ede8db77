import { createMemo, Show } from 'solid-js';
import type { CostForecast } from '../../../shared/api-types.js';
import { bandOptions } from '../../charts/band-options.js';
import { COLORS } from '../../charts/chart-theme.js';
import { type BandPoint, toBandSeries } from '../../charts/to-band-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { RangeField } from '../../components/range-field.js';
import { Segmented } from '../../components/tabs.js';
import { formatCost } from '../../format.js';
import type { GrownForecast } from './grow-forecast.js';

const DAY = 86_400_000;

export type ForecastMode = 'simple' | 'advanced';
export type Horizon = '7' | '30' | '90';

const MODES: ReadonlyArray<readonly [ForecastMode, string]> = [
  ['simple', 'Simple'],
  ['advanced', 'Advanced'],
];
const HORIZONS: ReadonlyArray<readonly [Horizon, string]> = [
  ['7', '7d'],
  ['30', '30d'],
  ['90', '90d'],
];

const OPTIONS = bandOptions({
  colors: [COLORS.indigo, COLORS.cyan, COLORS.indigo],
  bandOpacity: 0.12,
  format: formatCost,
  tooltip: formatCost,
  yMin: 0,
  dashLast: true,
  legend: true,
});

/** Daily spend and its forecast with a 95% range: run-rate × days, or the trend with growth. */
export function ForecastPanel(props: {
  forecast: CostForecast | null;
  /** The advanced forecast with the growth applied. */
  advanced: GrownForecast | null;
  mode: ForecastMode;
  onMode: (mode: ForecastMode) => void;
  horizon: Horizon;
  onHorizon: (horizon: Horizon) => void;
  /** Monthly growth on top of the fitted trend, percent. */
  growth: number;
  onGrowth: (growth: number) => void;
}) {
  const chart = createMemo(() => {
    const forecast = props.forecast;
    if (!forecast) return [];
    const observed: BandPoint[] = forecast.history.map((d) => ({ time: d.day, value: d.cost, low: null, high: null }));
    const advanced = props.mode === 'advanced' ? props.advanced : null;
    const projected: BandPoint[] = advanced
      ? advanced.points.map((p) => ({ time: p.day, value: p.cost, low: p.low, high: p.high }))
      : Array.from({ length: forecast.horizonDays }, (_, i) => ({
          time: (forecast.history.at(-1)?.day ?? 0) + (i + 1) * DAY,
          value: forecast.runRatePerDay,
          low: forecast.simple.day.low,
          high: forecast.simple.day.high,
        }));
    return toBandSeries(observed, projected, { observed: 'Daily spend', projected: 'Forecast', band: '95% range' });
  });
  return (
    <Panel
      title="Spend forecast"
      hint={
        props.mode === 'simple'
          ? 'Run-rate × days, range from day-to-day spread'
          : 'Linear trend with weekday pattern, 95% prediction range, plus your growth assumption'
      }
      actions={
        <>
          <Show when={props.mode === 'advanced'}>
            <RangeField
              label="Growth/month"
              title="Monthly growth on top of the fitted trend"
              min={-50}
              max={100}
              step={5}
              value={props.growth}
              shown={`${props.growth > 0 ? '+' : ''}${props.growth}%`}
              onChange={props.onGrowth}
              live
            />
          </Show>
          <Segmented options={MODES} value={props.mode} onChange={props.onMode} label="Forecast model" />
          <Segmented options={HORIZONS} value={props.horizon} onChange={props.onHorizon} label="Horizon" />
        </>
      }
    >
      <Show
        when={props.forecast}
        fallback={<EmptyNote>A forecast needs at least one complete day of calls.</EmptyNote>}
      >
        <ApexChart name="cost-forecast" type="rangeArea" height={300} series={chart()} options={OPTIONS} />
      </Show>
    </Panel>
  );
}
