import type { EntitySchemaMetadata } from '@mikro-orm/core';
import { columnOf, type FieldSpec } from '../call-fields.js';
import type { ValueKind } from '../value-rules.js';

type Property = { type: string; length?: number; runtimeType?: string };

/** The column type of each kind of value (lengths as the value rules allow). */
const COLUMN_TYPES: Record<ValueKind, Property> = {
  id: { type: 'string', length: 128 },
  name: { type: 'string', length: 256 },
  label: { type: 'string', length: 256 },
  provider: { type: 'string', length: 64 },
  code: { type: 'string', length: 64 },
  text: { type: 'text' },
  tokens: { type: 'integer' },
  tokenSum: { type: 'bigint', runtimeType: 'number' },
  count: { type: 'integer' },
  milliseconds: { type: 'double' },
  dollars: { type: 'double' },
  date: { type: 'datetime' },
  flag: { type: 'boolean' },
  costSource: { type: 'string', length: 16 },
  usageSource: { type: 'string', length: 16 },
  routingDecision: { type: 'json' },
  cacheMetadata: { type: 'json' },
  qualityEvaluation: { type: 'json' },
  object: { type: 'json' },
};

/** MikroORM properties of a field table (call-fields.ts); `id` is the primary key. */
export function entityProperties<T>(fields: Record<string, FieldSpec>): EntitySchemaMetadata<T>['properties'] {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => {
      const column = columnOf(name, spec);
      return [
        name,
        {
          ...COLUMN_TYPES[spec.kind],
          ...(name === 'id' ? { primary: true } : {}),
          ...(spec.nullable ? { nullable: true } : {}),
          ...(spec.column ? { fieldName: column } : {}),
        },
      ];
    }),
  ) as EntitySchemaMetadata<T>['properties'];
}
