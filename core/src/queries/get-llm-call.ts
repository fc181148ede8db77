import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';

/** One call by id, with its full prompt and response, or null. */
export async function getLlmCall(em: EntityManager, id: string): Promise<LLMCall | null> {
  const row = await em.fork().findOne(LLMCallEntity, { id }, { disableIdentityMap: true });
  return row ? { ...row } : null;
}
