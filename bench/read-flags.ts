import { parseArgs } from 'node:util';

/**
 * The --name value flags of a bench script (`--calls 1_000_000 --db URL`), through node:util
 * parseArgs; unknown flags are kept rather than refused, since benches take few and vary.
 */
export function readFlags(argv: readonly string[] = process.argv.slice(2)) {
  const { values } = parseArgs({ args: [...argv], strict: false, allowPositionals: true });
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value === true) throw new Error(`--${name} needs a value`);
    return value;
  };
  return {
    text,
    /** A whole number (`1_000_000` allowed) within bounds, else `fallback`. */
    int(name: string, min: number, max: number, fallback: number): number {
      const raw = text(name);
      if (raw === undefined) return fallback;
      const n = Number(raw.replace(/[_,]/g, ''));
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        throw new Error(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      }
      return n;
    },
  };
}
