/** A rollup or call field as its column (camelCase to snake_case, with the few that differ). */
/** Field names that differ from the plain snake_case of the property. */
const COLUMN_OVERRIDES: Record<string, string> = { provider: 'model_provider' };

/** Each field's column once worked out: the writer names every rollup column in every batch. */
const columns = new Map<string, string>();

export function toColumn(field: string): string {
  let column = columns.get(field);
  if (column === undefined) {
    column = COLUMN_OVERRIDES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    columns.set(field, column);
  }
  return column;
}

export function toColumns(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) out[toColumn(field)] = value;
  return out;
}
