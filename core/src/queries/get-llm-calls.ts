import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';
import { clampLimit } from './filters.js';

export interface LlmCallQuery {
  projectName?: string;
  sessionId?: string;
  provider?: string;
  modelName?: string;
  agentName?: string;
  operationName?: string;
  /** Only calls with (true) or without (false) an error. */
  hasError?: boolean;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Default 100, at most 10,000. */
  limit?: number;
  offset?: number;
  /** Default 'desc' (newest first). */
  order?: 'asc' | 'desc';
}

function whereCalls(query: LlmCallQuery): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (query.projectName !== undefined) where.projectName = query.projectName;
  if (query.sessionId !== undefined) where.sessionId = query.sessionId;
  if (query.provider !== undefined) where.provider = query.provider;
  if (query.modelName !== undefined) where.modelName = query.modelName;
  if (query.agentName !== undefined) where.agentName = query.agentName;
  if (query.operationName !== undefined) where.operationName = query.operationName;
  if (query.hasError !== undefined) where.error = query.hasError ? { $ne: null } : null;
  if (query.from || query.to) {
    where.timestamp = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
  }
  return where;
}

/** Calls matching the filters, newest first by default. */
export async function getLlmCalls(em: EntityManager, query: LlmCallQuery = {}): Promise<LLMCall[]> {
  const order = query.order ?? 'desc';
  const rows = await em.fork().find(LLMCallEntity, whereCalls(query), {
    orderBy: { timestamp: order, id: order },
    limit: clampLimit(query.limit, 100),
    offset: query.offset ?? 0,
    disableIdentityMap: true,
  });
  return rows.map((row) => ({ ...row }));
}

/** How many calls match the filters (limit and offset ignored). */
export async function countLlmCalls(em: EntityManager, query: LlmCallQuery = {}): Promise<number> {
  return em.fork().count(LLMCallEntity, whereCalls(query));
}
