import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { ApiResponses } from '../../shared/api-responses.js';
import { formatDateTime } from '../format.js';

/** Says when a metadata breakdown was read from the calls rather than rollups, and how to make it exact and fast. */
export function MetadataSourceNote(props: { breakdown: ApiResponses['GET /api/breakdown'] | undefined }) {
  const key = () => props.breakdown?.by.replace(/^metadata\./, '') ?? '';
  return (
    <Show when={props.breakdown?.source === 'calls'}>
      <div class="faint" data-testid="metadata-source-note">
        <code>{key()}</code> is not rolled up, so this was read from the calls
        <Show when={props.breakdown?.scannedFrom}>
          {(from) => <> since {formatDateTime(from())} only (the newest 100,000)</>}
        </Show>
        . Roll it up in <A href="/settings">Settings</A> for exact totals over any range, as fast as by model.
      </div>
    </Show>
  );
}
