import type { SessionRecord } from '../../../shared/api-types.js';

/** A session's outcome: running (no end yet), cancelled (ended by its consumer), ok or failed. */
export function sessionStatus(
  session: Pick<SessionRecord, 'endTime' | 'success'>,
): 'open' | 'cancelled' | 'ok' | 'failed' {
  if (session.endTime === null) return 'open';
  if (session.success === null) return 'cancelled';
  return session.success ? 'ok' : 'failed';
}

const COLOURS = { open: 'amber', cancelled: 'gray', ok: 'green', failed: 'red' } as const;

export function SessionStatusBadge(props: { session: Pick<SessionRecord, 'endTime' | 'success' | 'error'> }) {
  const status = () => sessionStatus(props.session);
  return (
    <span class={`badge ${COLOURS[status()]}`} title={props.session.error ?? ''} data-status={status()}>
      {status() === 'open' ? 'running' : status()}
    </span>
  );
}

/** Milliseconds from start to end (to now while running). */
export function sessionDurationMs(session: Pick<SessionRecord, 'startTime' | 'endTime'>, now: number): number {
  return (session.endTime ? Date.parse(session.endTime) : now) - Date.parse(session.startTime);
}
