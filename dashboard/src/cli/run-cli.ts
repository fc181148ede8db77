import { readFileSync } from 'node:fs';
import { type Command, EXIT_CODES } from './command.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { pruneCommand } from './commands/prune.js';
import { serveCommand } from './commands/serve.js';
import { statsCommand } from './commands/stats.js';
import { readOptions, UsageError } from './read-options.js';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  demoCommand,
  statsCommand,
  exportCommand,
  importCommand,
  pruneCommand,
];

/** The version in the dashboard package's package.json (two folders up from src/cli and dist/cli). */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** `observatory --help`: the verbs, global flags and exit codes. */
export function formatUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `observatory ${VERSION} — dashboard and tools for Observatory stores`,
    '',
    'Usage: observatory <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `observatory <command> --help` for its options. `observatory --version` prints the version.',
    'The store is --db, else OBSERVATORY_DATABASE_URL, else DATABASE_URL, else ./observatory.db.',
    'Exit codes: 0 done; 1 the command failed (store unreachable, records refused, server not started);',
    '2 wrong command line (unknown command or flag, bad value), nothing done.',
  ].join('\n');
}

/** `observatory <verb> --help`. */
export function formatCommandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, spec]) => [
    `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`,
    spec.description,
  ]);
  flags.push(['--help', 'show this help']);
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return [
    `observatory ${command.name} — ${command.summary}`,
    '',
    `Usage: observatory ${command.name} [options]`,
    '',
    'Options:',
    ...flags.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(command.details ? ['', command.details] : []),
  ].join('\n');
}

/**
 * Run one CLI command; resolves to the process exit code (0 done, 1 failed, 2 usage). A
 * failure of the command itself rejects (the entry prints it and exits with 1).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [verb = '', ...rest] = argv;
  if (verb === '--version' || verb === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_CODES.ok;
  }
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    process.stdout.write(`${topic ? formatCommandHelp(topic) : formatUsage()}\n`);
    return EXIT_CODES.ok;
  }
  const command = COMMANDS.find((c) => c.name === verb);
  if (!command) {
    const what = verb === '' ? 'a command is needed' : `unknown command ${JSON.stringify(verb)}`;
    process.stderr.write(`observatory: ${what}\n\n${formatUsage()}\n`);
    return EXIT_CODES.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${formatCommandHelp(command)}\n`);
    return EXIT_CODES.ok;
  }
  try {
    return await command.run(readOptions(command, rest));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(
      `observatory ${command.name}: ${error.message}\nRun \`observatory ${command.name} --help\` for its options.\n`,
    );
    return EXIT_CODES.usage;
  }
}
