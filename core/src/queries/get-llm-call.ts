import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { dialectOf } from '../store/store-dialect.js';
import { storedId } from '../store/stored-id.js';
import { selectCalls, toCall } from './find-calls.js';

/** One call by id, with its full prompt and response, or null. */
export async function getLlmCall(em: EntityManager, id: string): Promise<LLMCall | null> {
  const knex = em.getKnex();
  const [row]: Array<Record<string, unknown>> = await selectCalls(knex).where(
    'llm_calls.id',
    storedId(dialectOf(knex), id),
  );
  return row ? toCall(em.fork(), row) : null;
}
