#!/usr/bin/env node
// Install the packages as a user would, outside the workspace, and use them.
//
//   node scripts/check-packages.mjs [--keep]      (after the workspace's build; .ci/run runs it)
//
// 1. `pnpm pack` every publishable package (publishConfig applied, workspace:* resolved).
// 2. publint each tarball's contents, strict (warnings fail).
// 3. A fresh npm project in a temp folder installs the tarballs with npm 12 and its defaults
//    (dependency install scripts blocked), plus the frameworks a user would have.
// 4. There: record calls through @observatory/core, the LangChain handler and the OpenAI
//    adapter into the default ./observatory.db and read them back; `npx observatory demo`,
//    `npx observatory stats --json` and `npx observatory serve`, reading /api/overview and the
//    web app from the server; and the sqlite3 driver without its binding, which must fail on
//    first use, bounded, naming the command that fixes it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('..', import.meta.url));
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpm = ['npx', '--yes', rootPackage.packageManager];
const npm12 = ['npx', '--yes', 'npm@12'];
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'observatory-packages-'));
const started = Date.now();

/** The environment of a user's shell: none of the npm/pnpm settings of whatever started this script. */
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_)/i.test(key) && key !== 'INIT_CWD'),
);

function step(title) {
  process.stdout.write(`\n▸ ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

function run(command, args, options = {}) {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: userEnv,
    timeout: 10 * 60_000,
    ...options,
  });
}

/**
 * Run an npm command; its stderr (npm 12's warnings about this machine's Node 20, which users
 * on Node 22+ do not see) is shown only when the command fails. Returns both.
 */
function quiet([command, ...prefix], args, cwd) {
  const result = spawnSync(command, [...prefix, ...args], {
    cwd,
    encoding: 'utf8',
    env: userEnv,
    timeout: 10 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail(`${command} ${[...prefix, ...args].join(' ')} exited with ${result.status ?? result.signal ?? result.error}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

/** The version of `name` the workspace installed for the package in `dir`. */
function installedVersion(dir, name) {
  return JSON.parse(readFileSync(join(root, dir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function fail(message) {
  throw new Error(message);
}

function workspacePackages() {
  const dirs = ['core', 'dashboard', 'examples', ...readdirSync(join(root, 'adapters')).map((d) => `adapters/${d}`)];
  return dirs
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

async function main() {
  const packages = workspacePackages();
  const tarballDir = join(work, 'tarballs');
  mkdirSync(tarballDir);

  step(`pnpm pack ${packages.map((p) => p.manifest.name).join(', ')}`);
  const tarballs = new Map();
  for (const { dir, manifest } of packages) {
    const out = run(pnpm[0], [...pnpm.slice(1), 'pack', '--pack-destination', tarballDir], { cwd: join(root, dir) });
    const file = out.trim().split('\n').at(-1).trim();
    tarballs.set(manifest.name, file);
    process.stdout.write(`  ${manifest.name} → ${file.replace(`${tarballDir}/`, '')}\n`);
  }

  step('publint (strict) on each tarball');
  let problems = 0;
  for (const [name, file] of tarballs) {
    const dir = join(work, 'unpacked', name);
    mkdirSync(dir, { recursive: true });
    run('tar', ['-xzf', file, '-C', dir, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (JSON.stringify(manifest).includes('workspace:')) fail(`${name}: the packed package.json still says workspace:`);
    if (JSON.stringify(manifest.exports).includes('@observatory/source'))
      fail(`${name}: the source export condition was published`);
    const { messages } = await publint({ pkgDir: dir, pack: false, strict: true, level: 'suggestion' });
    for (const message of messages) {
      problems++;
      process.stdout.write(`  ${name}: [${message.type}] ${formatMessage(message, manifest)}\n`);
    }
    if (messages.length === 0) process.stdout.write(`  ${name}: clean\n`);
  }
  if (problems > 0) fail(`publint found ${problems} problems`);

  const app = join(work, 'app');
  mkdirSync(app);
  // The exact versions the workspace's tests ran against, not the manifests' ranges: a range
  // drifts as the registry moves (@langchain/openai 1.8.5 came to need a newer @langchain/core
  // than the one pinned here, and npm refused the install).
  const frameworks = {
    '@langchain/core': installedVersion('adapters/langchain', '@langchain/core'),
    '@langchain/openai': installedVersion('examples', '@langchain/openai'),
    openai: installedVersion('adapters/openai', 'openai'),
  };
  // The app depends on the tarballs; overrides ("$name": the app's own spec) make npm take them
  // wherever one of our packages depends on another, never a registry package of that name.
  const dependencies = {
    ...Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`])),
    ...frameworks,
  };
  const overrides = Object.fromEntries([...tarballs.keys()].map((name) => [name, `$${name}`]));
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'observatory-install-check', version: '1.0.0', private: true, type: 'module', dependencies, overrides }, null, 2)}\n`,
  );
  step(`npm 12 install (default settings) of the tarballs and ${Object.keys(frameworks).join(', ')} into ${app}`);
  const npmVersion = quiet(npm12, ['--version'], app).stdout.trim();
  const installed = quiet(npm12, ['install', '--no-fund', '--no-audit'], app);
  process.stdout.write(`  npm ${npmVersion}: ${installed.stdout.trim().split('\n').at(-1)}\n`);
  const blocked = /install-scripts blocked[^\n]*\n([\s\S]*?)\n\s*npm warn install-scripts\s*\n/.exec(
    installed.stderr ?? '',
  );
  process.stdout.write(
    blocked
      ? `  install scripts npm 12 blocked: ${blocked[1].replace(/npm warn install-scripts\s+/g, '').trim()}\n`
      : '  npm 12 blocked no install script: none is needed\n',
  );

  step('record through core, the LangChain handler (ChatOpenAI) and the OpenAI adapter into ./observatory.db');
  writeFileSync(join(app, 'record.mjs'), RECORD_SCRIPT);
  const recorded = JSON.parse(run(process.execPath, ['record.mjs'], { cwd: app, timeout: 120_000 }));
  process.stdout.write(`  ${JSON.stringify(recorded)}\n`);
  const expected = [
    ['direct', 'openai', 'gpt-4o', 'reported'],
    ['langchain', 'openai', 'gpt-4o-mini', 'reported'],
    ['openai-sdk', 'openai', 'gpt-4o-2024-08-06', 'reported'],
  ];
  for (const [agent, provider, model, usage] of expected) {
    const call = recorded.calls.find((c) => c.agentName === agent);
    if (
      !call ||
      call.provider !== provider ||
      !call.modelName.startsWith(model) ||
      call.usageSource !== usage ||
      !(call.totalCost > 0)
    ) {
      fail(`the ${agent} call was not stored as expected: ${JSON.stringify(call)}`);
    }
  }

  step('npx observatory --version, demo, stats');
  const version = run('npx', ['observatory', '--version'], { cwd: app }).trim();
  if (version !== tarballs.get('@observatory/dashboard').match(/-(\d+\.\d+\.\d+)\.tgz$/)[1])
    fail(`--version said ${version}`);
  const demo = JSON.parse(
    run('npx', ['observatory', 'demo', '--calls', '1500', '--crew-calls', '500', '--json'], { cwd: app }),
  );
  process.stdout.write(
    `  demo: ${demo.calls} calls in ${demo.sessions} sessions, projects ${demo.projects.join(', ')}\n`,
  );
  const stats = JSON.parse(run('npx', ['observatory', 'stats', '--json'], { cwd: app }));
  if (stats.calls !== demo.calls + recorded.calls.length) {
    fail(`stats counts ${stats.calls} calls, expected ${demo.calls} + ${recorded.calls.length}`);
  }

  step('npx observatory serve: /api/health, /api/overview and the web app');
  const served = await serveAndRead(app);
  if (served.overview.totalCalls !== stats.calls)
    fail(`/api/overview counts ${served.overview.totalCalls}, stats ${stats.calls}`);
  if (!served.html.includes('<div id="root">') && !served.html.includes('id="app"'))
    fail('GET / did not answer the web app');
  process.stdout.write(
    `  ${served.url}: ${served.overview.totalCalls} calls, $${served.overview.totalCost.toFixed(2)}, web app served\n`,
  );

  step('the sqlite3 driver under npm 12, its install script blocked: a bounded failure naming the fix');
  quiet(npm12, ['install', '--no-fund', '--no-audit', '@mikro-orm/sqlite@6.6.16'], app);
  writeFileSync(join(app, 'legacy-driver.mjs'), LEGACY_DRIVER_SCRIPT);
  const legacyOutput = run(process.execPath, ['legacy-driver.mjs'], { cwd: app, timeout: 60_000 });
  if (legacyOutput.trim().split('\n').length > 1) fail(`the store printed to the app's console:\n${legacyOutput}`);
  const legacy = JSON.parse(legacyOutput);
  if (!legacy.message.includes('npm install-scripts approve sqlite3 && npm rebuild sqlite3') || legacy.pending !== 2) {
    fail(`the sqlite3 driver without its binding reported ${JSON.stringify(legacy)}`);
  }
  process.stdout.write(`  flush() returned after ${legacy.flushMs} ms: ${legacy.message.slice(0, 160)}…\n`);

  process.stdout.write(
    `\nAll packages install and work with npm 12 (${((Date.now() - started) / 1000).toFixed(0)} s).\n`,
  );
}

/**
 * Start `npx observatory serve --port 0`, read its URL, then the API and the page, and stop it.
 * It must print nothing to stderr: a background query failing at shutdown once held its exit
 * up for knex's 60 s acquire timeout, and that printed only there.
 */
async function serveAndRead(app) {
  // Its own process group, so stopping it stops npx's node child too.
  const child = spawn('npx', ['observatory', 'serve', '--port', '0'], {
    cwd: app,
    env: userEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`serve printed no URL in 60 s: ${out}`)), 60_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const health = await (await fetch(`${url}/api/health`)).json();
    if (health.status !== 'ok') fail(`/api/health said ${JSON.stringify(health)}`);
    const overview = await (await fetch(`${url}/api/overview`)).json();
    const html = await (await fetch(`${url}/`)).text();
    return { url, overview, html };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const stoppedAt = Date.now();
    process.kill(-child.pid, 'SIGINT');
    await exited;
    process.stdout.write(`  serve exited ${Date.now() - stoppedAt} ms after SIGINT\n`);
    // npm 12 on this Node warns about its engine range: not ours.
    const ours = stderr
      .split('\n')
      .filter((line) => line.trim() && !/^npm warn/i.test(line))
      .join('\n');
    if (ours) fail(`serve printed to stderr:\n${ours}`);
  }
}

const RECORD_SCRIPT = `import { Observatory } from '@observatory/core';
import { ObservatoryCallbackHandler } from '@observatory/langchain';
import { recordOpenAIResponse } from '@observatory/openai';
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';

/** A fetch answering every request with one Chat Completions body, as the API would. */
const answer = (body) => async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const completion = (model, content, usage) => ({
  id: 'chatcmpl-install-check', object: 'chat.completion', created: 1767225600, model,
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
  system_fingerprint: 'fp_install_check',
});

const obs = new Observatory({ projectName: 'install-check' });
obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 1200, cachedPromptTokens: 1024, completionTokens: 80, latencyMs: 900, agentName: 'direct' });

const model = new ChatOpenAI({
  model: 'gpt-4o-mini', apiKey: 'sk-install-check',
  configuration: { fetch: answer(completion('gpt-4o-mini-2024-07-18', 'Paris.', { prompt_tokens: 14, completion_tokens: 2 })) },
});
await model.invoke('What is the capital of France?', { callbacks: [new ObservatoryCallbackHandler(obs, { agentName: 'langchain' })] });

const client = new OpenAI({ apiKey: 'sk-install-check', fetch: answer(completion('gpt-4o-2024-08-06', 'Hello!', { prompt_tokens: 19, completion_tokens: 3 })) });
const startedAt = Date.now();
const response = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello' }] });
recordOpenAIResponse(obs, response, { latencyMs: Date.now() - startedAt, agentName: 'openai-sdk' });

await obs.flush({ timeoutMs: 30000 });
const calls = await obs.storage.getLlmCalls({ projectName: 'install-check' });
await obs.close();
console.log(JSON.stringify({ database: obs.database, calls: calls.map(({ agentName, provider, modelName, usageSource, promptTokens, completionTokens, totalCost }) => ({ agentName, provider, modelName, usageSource, promptTokens, completionTokens, totalCost })) }));
`;

const LEGACY_DRIVER_SCRIPT = `import { Observatory } from '@observatory/core';
const reports = [];
const obs = new Observatory({ databaseUrl: 'sqlite3:legacy.db', projectName: 'legacy', onError: (error) => reports.push(error), flushOnExit: false, spoolDir: false });
obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 10, completionTokens: 5 });
const started = Date.now();
await obs.flush({ timeoutMs: 3000 });
const flushMs = Date.now() - started;
const pending = obs.stats().pending;
const text = (e) => (e instanceof Error ? e.message + ' ' + (e.cause ? text(e.cause) : '') : String(e));
console.log(JSON.stringify({ flushMs, pending, message: reports.map(text).join(' | ') }));
process.exit(0);
`;

try {
  await main();
} catch (error) {
  process.stderr.write(
    `\ncheck-packages failed: ${error instanceof Error ? error.message : String(error)}\n(work folder kept: ${work})\n`,
  );
  process.exitCode = 1;
} finally {
  if (!keep && process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`Work folder: ${work}\n`);
}
