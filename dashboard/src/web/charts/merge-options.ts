type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Deep-merge chart options: objects merge key by key, everything else (arrays included) is replaced. */
export function mergeOptions<T extends Plain>(base: T, ...overrides: Array<Plain | undefined>): T {
  const out: Plain = { ...base };
  for (const override of overrides) {
    if (!override) continue;
    for (const [key, value] of Object.entries(override)) {
      out[key] = isPlain(value) && isPlain(out[key]) ? mergeOptions(out[key] as Plain, value) : value;
    }
  }
  return out as T;
}
