import { Show } from 'solid-js';
import type { MeanEstimate } from '../../shared/api-types.js';

/** A mean and its 95% interval drawn on a fixed scale (0..10 for judge scores). */
export function CiBar(props: { estimate: MeanEstimate; min?: number; max?: number }) {
  const min = () => props.min ?? 0;
  const max = () => props.max ?? 10;
  const at = (v: number) => `${Math.min(100, Math.max(0, ((v - min()) / (max() - min())) * 100))}%`;
  return (
    <div
      class="ci"
      title={
        props.estimate.low !== null
          ? `95% CI ${props.estimate.low?.toFixed(2)}–${props.estimate.high?.toFixed(2)}`
          : 'too few values for an interval'
      }
    >
      <div class="ci-track" />
      <Show when={props.estimate.low !== null && props.estimate.high !== null}>
        <div
          class="ci-range"
          style={{
            left: at(props.estimate.low ?? 0),
            width: `calc(${at(props.estimate.high ?? 0)} - ${at(props.estimate.low ?? 0)})`,
          }}
        />
      </Show>
      <Show when={props.estimate.mean !== null}>
        <div class="ci-mean" style={{ left: `calc(${at(props.estimate.mean ?? 0)} - 1px)` }} />
      </Show>
    </div>
  );
}

/** "8.42 [8.31–8.53] n=120" as text. */
export function formatEstimate(estimate: MeanEstimate, digits = 2): string {
  if (estimate.mean === null) return '—';
  const interval =
    estimate.low !== null && estimate.high !== null
      ? ` [${estimate.low.toFixed(digits)}–${estimate.high.toFixed(digits)}]`
      : '';
  return `${estimate.mean.toFixed(digits)}${interval}`;
}
