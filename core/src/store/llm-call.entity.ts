import { EntitySchema } from '@mikro-orm/core';
import { CALL_ROW_FIELDS } from '../call-fields.js';
import type { LLMCall } from '../models.js';
import { entityProperties } from './entity-properties.js';

/** `llm_calls`: one row per recorded call, its texts aside (`llm_call_texts`, read by the queries that need them). */
export const LLMCallEntity = new EntitySchema<LLMCall>({
  name: 'LLMCall',
  tableName: 'llm_calls',
  properties: entityProperties<LLMCall>(CALL_ROW_FIELDS),
});
