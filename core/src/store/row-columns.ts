/** A rollup or call field as its column (camelCase to snake_case, with the few that differ). */
/** Field names that differ from the plain snake_case of the property. */
const COLUMN_OVERRIDES: Record<string, string> = { provider: 'model_provider' };

export function toColumn(field: string): string {
  return COLUMN_OVERRIDES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function toColumns(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) out[toColumn(field)] = value;
  return out;
}
