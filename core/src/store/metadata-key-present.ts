import { ObservatoryValidationError } from '../observatory-error.js';
import type { StoreDialect } from './store-dialect.js';

/**
 * SQL that holds when a call's metadata has the top-level `key`, with the key written into
 * the SQL (checked to be letters, digits, `_` and `-`): a partial index over such a
 * condition (migration 0009) is used only by queries that spell it the same way.
 */
export function metadataKeyPresent(dialect: StoreDialect, key: string): string {
  if (!/^[\w-]{1,64}$/.test(key)) {
    throw new ObservatoryValidationError('query', [
      { field: 'metadataKey', value: key, message: 'letters, digits, _ and - only (at most 64)' },
    ]);
  }
  return dialect === 'postgresql'
    ? `jsonb_exists(metadata, '${key}')`
    : `json_type(metadata, '$."${key}"') is not null`;
}
