/**
 * How long the README's main command takes from a fresh clone to a populated dashboard:
 * clone this repository, run `npm start` in it, and time the printed dashboard URL and the
 * first /api/overview that counts the demo history. Target: ≤ 3 minutes on 2 cores.
 * The pnpm store of this machine is warm (packages are not downloaded again); native
 * modules are built from source as on a new machine.
 *
 *   npx tsx bench/fresh-clone-start.ts [repo path, default: this checkout's committed HEAD]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'observatory-fresh-'));
const clone = join(scratch, 'observatory');
execFileSync('git', ['clone', '--quiet', source, clone]);

const port = 7900 + Math.floor(Math.random() * 90);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const child = spawn('npm', ['start', '--', '--port', String(port)], { cwd: clone, detached: true });
const marks: string[] = [];
let output = '';

const url = await new Promise<string>((resolve, reject) => {
  const watch = (chunk: Buffer) => {
    output += chunk.toString();
    for (const [marker, name] of [
      ['Done in', 'installed'],
      ['built in', 'web app built'],
      ['Wrote ', 'demo history written'],
    ] as const) {
      if (output.includes(marker) && !marks.some((m) => m.startsWith(name))) marks.push(`${name} at ${seconds()} s`);
    }
    const found = /Observatory dashboard on (http:\/\/\S+)/.exec(output);
    if (found) resolve(found[1]);
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);
  child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output.slice(-3000)}`)));
});
const urlAt = seconds();
const overview = (await (await fetch(`${url}/api/overview?range=14d`)).json()) as { totalCalls: number };
const pages = await Promise.all(
  ['/', '/live', '/cost', '/router', '/cache', '/judge', '/prompts', '/settings'].map(
    async (path) => (await fetch(`${url}${path}`)).status,
  ),
);
const populatedAt = seconds();
process.kill(-(child.pid ?? 0), 'SIGTERM');
rmSync(scratch, { recursive: true, force: true });

console.log(marks.join('\n'));
console.log(
  `dashboard URL printed at ${urlAt} s; /api/overview counted ${overview.totalCalls.toLocaleString('en-US')} calls at ${populatedAt} s`,
);
console.log(`page responses: ${pages.join(', ')}`);
console.log(`target ≤ 180 s: ${Number(populatedAt) <= 180 ? 'met' : 'MISSED'}`);
