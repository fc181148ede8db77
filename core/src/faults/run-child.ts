import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../__fixtures__/record-calls.ts', import.meta.url));

/** Start the record-calls fixture in its own Node process (no npx wrapper, so signals reach it). */
export function startRecorder(args: string[]): {
  proc: ChildProcess;
  output: () => string;
  done: Promise<number | null>;
} {
  const proc = spawn(process.execPath, ['--conditions=@observatory/source', '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  proc.stderr?.on('data', (chunk) => {
    out += chunk;
  });
  const done = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, done };
}
