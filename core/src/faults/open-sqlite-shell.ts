import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../__fixtures__/sqlite-shell.ts', import.meta.url));

/**
 * A connection to the SQLite file from another process. Locks must come from another
 * process: two SQLite libraries in one process (libsql and sqlite3) do not see each
 * other's POSIX locks.
 */
export function openSqliteShell(path: string): { exec(sql: string): Promise<void>; close(): Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, path], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async exec(sql) {
      child.stdin.write(`${sql.replace(/\n/g, ' ')}\n`);
      const { value } = await answers.next();
      if (value !== 'ok') throw new Error(`${sql}: ${value ?? 'the shell exited'}`);
    },
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
