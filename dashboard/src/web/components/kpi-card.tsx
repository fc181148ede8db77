import { type JSX, Show } from 'solid-js';
import { Sparkline } from './sparkline.js';

export interface KpiCardProps {
  label: string;
  value: string;
  /** Relative change against the previous period (0.12 = +12%); null hides it. */
  delta?: number | null;
  /** Whether a rise is good (cost: no; calls: neutral; judge score: yes). */
  goodWhen?: 'up' | 'down' | 'neither';
  foot?: JSX.Element;
  spark?: number[];
  sparkColor?: string;
  icon?: JSX.Element;
}

/** A headline number with its change against the previous period and a sparkline. */
export function KpiCard(props: KpiCardProps) {
  const deltaClass = () => {
    const d = props.delta ?? 0;
    if (Math.abs(d) < 0.005 || props.goodWhen === 'neither') return 'delta flat';
    const up = d > 0;
    return (props.goodWhen === 'down' ? !up : up) ? 'delta good' : 'delta bad';
  };
  return (
    <div class="panel kpi" data-kpi={props.label}>
      <div class="kpi-label">
        <span>{props.label}</span>
        {props.icon}
      </div>
      <div class="kpi-value">{props.value}</div>
      <div class="kpi-foot">
        <Show when={props.delta !== undefined && props.delta !== null && Number.isFinite(props.delta)}>
          <span class={deltaClass()}>
            {(props.delta ?? 0) >= 0 ? '▲' : '▼'} {Math.abs((props.delta ?? 0) * 100).toFixed(1)}%
          </span>
        </Show>
        <span class="kpi-foot-text">{props.foot}</span>
        <Show when={props.spark && props.spark.length > 1}>
          <Sparkline values={props.spark ?? []} color={props.sparkColor} width={64} height={20} />
        </Show>
      </div>
    </div>
  );
}

/**
 * Relative change from `previous` to `current`; null when there is nothing fair to compare
 * (no previous value, or a previous period with almost no traffic, which gives +75,000%).
 */
export function relativeChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  comparable = true,
): number | null {
  if (!comparable || current == null || previous == null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
