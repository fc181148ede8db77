import { Show } from 'solid-js';
import type { FormMessage } from './create-settings-form.js';

/** What the last save, test or prune did. */
export function SettingsMessage(props: { message: FormMessage | null }) {
  return (
    <Show when={props.message}>
      {(m) => (
        <div
          class={m().ok ? 'badge green' : 'error-box'}
          style={{ 'align-self': 'flex-start', padding: '8px 12px', 'font-size': '13px' }}
          role="status"
        >
          {m().text}
        </div>
      )}
    </Show>
  );
}
