import type { EntityManager } from '@mikro-orm/knex';
import type { Session } from '../models.js';
import { SessionEntity } from '../store/session.entity.js';
import { type StreamQuery, streamInTimeOrder } from './stream-in-time-order.js';

export type StreamSessionsQuery = StreamQuery;

/** Every matching session, oldest first by start time, a page at a time (see streamInTimeOrder). */
export function streamSessions(em: EntityManager, query: StreamSessionsQuery = {}): AsyncGenerator<Session> {
  return streamInTimeOrder(em, SessionEntity, 'startTime', query);
}
