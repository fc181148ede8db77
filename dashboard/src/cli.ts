#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

// `observatory export | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`observatory: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
