import { AsyncLocalStorage } from 'node:async_hooks';
import type { Session } from './models.js';

/**
 * The session of the current async context, set by `withSession`. Keyed by observatory
 * so two instances in one process never see each other's sessions.
 */
const activeSessions = new AsyncLocalStorage<ReadonlyMap<object, Session>>();

export function getActiveSession(owner: object): Session | undefined {
  return activeSessions.getStore()?.get(owner);
}

export function runInSession<T>(owner: object, session: Session, fn: () => T): T {
  const current = activeSessions.getStore();
  const next = new Map(current);
  next.set(owner, session);
  return activeSessions.run(next, fn);
}
