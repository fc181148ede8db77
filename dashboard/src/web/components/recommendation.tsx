import { Show } from 'solid-js';
import { formatCost } from '../format.js';

/** One recommendation: an icon, what to do and why, and the dollars a month it would save. */
export function Recommendation(props: { icon: string; title: string; detail: string; monthlySavings?: number }) {
  return (
    <div class="reco">
      <div class="reco-icon">{props.icon}</div>
      <div class="stack" style={{ gap: '4px' }}>
        <strong>{props.title}</strong>
        <span class="faint">{props.detail}</span>
        <Show when={props.monthlySavings !== undefined}>
          <span class="badge green" style={{ 'align-self': 'flex-start' }}>
            ≈ {formatCost(props.monthlySavings)} / month
          </span>
        </Show>
      </div>
    </div>
  );
}
