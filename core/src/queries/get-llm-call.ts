import type { EntityManager } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';
import { withTexts } from './find-calls.js';

/** One call by id, with its full prompt and response, or null. */
export async function getLlmCall(em: EntityManager, id: string): Promise<LLMCall | null> {
  const row = await em.fork().findOne(LLMCallEntity, { id }, { disableIdentityMap: true });
  if (!row) return null;
  const [texts] = await em.getKnex()('llm_call_texts').select('prompt', 'response_text').where('id', id);
  return withTexts(row, texts);
}
