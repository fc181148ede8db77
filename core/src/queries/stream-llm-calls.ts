import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';
import { type StreamQuery, streamInTimeOrder } from './stream-in-time-order.js';

export type StreamCallsQuery = StreamQuery;

/** Every matching call, oldest first by timestamp, a page at a time (see streamInTimeOrder). */
export function streamLlmCalls(em: EntityManager, query: StreamCallsQuery = {}): AsyncGenerator<LLMCall> {
  return streamInTimeOrder(em, LLMCallEntity, 'timestamp', query);
}
