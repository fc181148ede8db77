import type { JSX } from 'solid-js';

/** A bar filled to `percent` (0..100) with its label beside it, for table cells. */
export function Meter(props: { percent: number; width: string; label: JSX.Element; labelClass: 'faint' | 'mono' }) {
  return (
    <div class="row" style={{ gap: '8px', 'flex-wrap': 'nowrap' }}>
      <div class="meter" style={{ width: props.width }}>
        <span style={{ width: `${props.percent}%` }} />
      </div>
      <span class={props.labelClass}>{props.label}</span>
    </div>
  );
}
