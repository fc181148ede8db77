import { EntitySchema } from '@mikro-orm/core';
import { CALL_FIELDS } from '../call-fields.js';
import type { LLMCall } from '../models.js';
import { entityProperties } from './entity-properties.js';

/** `llm_calls`: one row per recorded call; its columns come from the call's field table. */
export const LLMCallEntity = new EntitySchema<LLMCall>({
  name: 'LLMCall',
  tableName: 'llm_calls',
  properties: entityProperties<LLMCall>(CALL_FIELDS),
});
