/** A parsed command line: the command, its --flags and any positional words. */
export interface ParsedArgs {
  command: string;
  flags: Record<string, string | true>;
  positional: string[];
}

/** `serve --port 8080 --host=0.0.0.0 --yes` → { command: 'serve', flags: { port: '8080', host: '0.0.0.0', yes: true } }. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  let command = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (inline !== undefined) flags[name] = inline;
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[name] = argv[++i];
      else flags[name] = true;
    } else if (arg === '-h') {
      flags.help = true;
    } else if (!command) {
      command = arg;
    } else {
      positional.push(arg);
    }
  }
  return { command, flags, positional };
}

/** A flag's text value; throws naming the flag when it was given without one. */
export function textFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === true) throw new Error(`--${name} needs a value`);
  return value;
}

/** A whole-number flag within bounds. */
export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const value = textFlag(args, name);
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.replace(/[_,]/g, '')) ? Number(value.replace(/[_,]/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
