import { toSparklinePath } from '../charts/to-sparkline-path.js';

/** A tiny SVG trend line (no chart library: KPI cards show eight of them). */
export function Sparkline(props: { values: number[]; width?: number; height?: number; color?: string }) {
  const width = () => props.width ?? 84;
  const height = () => props.height ?? 28;
  return (
    <svg class="kpi-spark" width={width()} height={height()} viewBox={`0 0 ${width()} ${height()}`} aria-hidden="true">
      <path
        d={toSparklinePath(props.values, width(), height())}
        fill="none"
        stroke={props.color ?? 'var(--accent)'}
        stroke-width="1.6"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
