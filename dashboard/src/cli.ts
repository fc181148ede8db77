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
    // The causes too: "the crew recorded 9 calls Observatory rejected" alone does not say why.
    let text = `observatory: ${error instanceof Error ? error.message : String(error)}`;
    for (let cause = (error as Error)?.cause; cause !== undefined; cause = (cause as Error)?.cause) {
      text += `\n  caused by: ${cause instanceof Error ? cause.message : String(cause)}`;
      if (!(cause instanceof Error)) break;
    }
    process.stderr.write(`${text}\n`);
    process.exitCode = 1;
  },
);
