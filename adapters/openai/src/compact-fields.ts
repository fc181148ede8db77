/** The fields that have a value: metadata stays free of null and undefined keys. */
export function compactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    if (fields[key] != null) out[key] = fields[key];
  }
  return out;
}
