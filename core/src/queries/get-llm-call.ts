import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { selectCalls, toCall } from './find-calls.js';

/** One call by id, with its full prompt and response, or null. */
export async function getLlmCall(em: EntityManager, id: string): Promise<LLMCall | null> {
  const [row]: Array<Record<string, unknown>> = await selectCalls(em.getKnex()).where('llm_calls.id', id);
  return row ? toCall(em.fork(), row) : null;
}
