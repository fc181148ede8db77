import { parseArgs } from 'node:util';

/**
 * The --name value flags of a bench script (`--calls 1_000_000 --db URL`, or `--calls=…`),
 * through node:util parseArgs; unknown flags are kept rather than refused, since benches
 * take few and vary. Non-strict parseArgs reads `--calls 1000` as a bare flag followed by
 * a positional, so a flag without `=` takes the positional after it as its value.
 */
export function readFlags(argv: readonly string[] = process.argv.slice(2)) {
  const { tokens } = parseArgs({ args: [...argv], strict: false, allowPositionals: true, tokens: true });
  const values = new Map<string, string | true>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'option') return;
    const next = tokens[i + 1];
    values.set(token.name, token.value ?? (next?.kind === 'positional' ? next.value : true));
  });
  const text = (name: string): string | undefined => {
    const value = values.get(name);
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
