/** One option of a verb: what `node:util` parseArgs needs, and what `--help` prints. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help for a string option, e.g. `URL` or `N`. */
  value?: string;
  description: string;
}

/** Parsed option values of one verb, by option name. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** A verb of the `observatory` CLI. */
export interface Command {
  name: string;
  /** One line for the list of verbs. */
  summary: string;
  /** What the verb does, printed by `observatory <verb> --help` under its options. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** Runs the verb; resolves to the process exit code (see EXIT_CODES). */
  run(values: OptionValues): Promise<number>;
}

/** The CLI's exit codes, as documented in the dashboard README. */
export const EXIT_CODES = {
  ok: 0,
  /** The command ran and failed: the store could not be opened, records were refused, the server could not start. */
  failed: 1,
  /** The command line was wrong: unknown verb or flag, a missing or bad value. Nothing was done. */
  usage: 2,
} as const;

/** The --db option every verb that opens a store takes. */
export const DB_OPTION: Record<'db', OptionSpec> = {
  db: {
    type: 'string',
    value: 'URL',
    description:
      'store: a SQLite path or postgresql://… (default OBSERVATORY_DATABASE_URL, DATABASE_URL, ./observatory.db)',
  },
};

/** The --json option of verbs whose result a script may read. */
export const JSON_OPTION: Record<'json', OptionSpec> = {
  json: { type: 'boolean', description: 'print the result as one JSON object on stdout' },
};
