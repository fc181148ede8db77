import type { Observatory, RecordCallInput } from '@observatory/core';
import { observatoryView } from './observatory-view.js';

/**
 * A view of `obs` for filling in history: every call recorded through it (by the example
 * itself or by an adapter handed the view) is moved in time so the run appears to have
 * started at `startedAt`, keeping the real gaps between its calls. Everything else is the
 * observatory itself. Without `startedAt`, `obs` is returned unchanged.
 *
 * Session rows keep the real start and end times; after backfilling, call
 * `obs.storage.alignSessionTimes(projectName)` to move them to their calls.
 */
export function backdate(obs: Observatory, startedAt: Date | undefined): Observatory {
  if (!startedAt) return obs;
  const offsetMs = startedAt.getTime() - Date.now();
  const recordCall = (input: RecordCallInput) =>
    obs.recordCall({ ...input, timestamp: new Date(toEpochMs(input.timestamp) + offsetMs) });
  return observatoryView(obs, { recordCall });
}

function toEpochMs(timestamp: RecordCallInput['timestamp']): number {
  if (timestamp === undefined) return Date.now();
  return timestamp instanceof Date ? timestamp.getTime() : new Date(timestamp).getTime();
}
