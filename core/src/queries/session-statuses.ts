/** A session's outcome, as the sessions list filters it. */
export type SessionStatus = 'success' | 'failed' | 'open' | 'cancelled';
export const SESSION_STATUSES: readonly SessionStatus[] = ['success', 'failed', 'open', 'cancelled'];
