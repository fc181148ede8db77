import { EntitySchema } from '@mikro-orm/core';
import { SESSION_FIELDS } from '../call-fields.js';
import type { Session } from '../models.js';
import { entityProperties } from './entity-properties.js';

/** `sessions`: one row per workflow run; totals are kept equal to the sums over its calls. */
export const SessionEntity = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  properties: entityProperties<Session>(SESSION_FIELDS),
});
