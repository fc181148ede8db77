// The peer benchmark's parent: starts the sink, runs every SDK × workload in its own child
// process (burst, then low rate), in alternating order over the rounds, and prints one
// markdown table per workload with the median over rounds of each figure minus the same
// round's baseline. Flags: see README.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot, packageVersion } from './import-package.mjs';
import { SCRUBBED_ENV, SDKS } from './sdk-list.mjs';
import { startSink } from './sink.mjs';

const peersDir = dirname(dirname(fileURLToPath(import.meta.url)));
const workspaceDir = dirname(dirname(peersDir));
const childPath = join(peersDir, 'lib', 'child.mjs');
const WORKLOADS = {
  langchain: 'LangChain: `model.invoke()` on a fake chat model reporting usage',
  openai: 'OpenAI: `client.chat.completions.create()` on the real `openai` client, fake `fetch`',
};

function readOptions() {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '20000' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string' },
      sdks: { type: 'string', default: SDKS.map((sdk) => sdk.id).join(',') },
      workloads: { type: 'string', default: Object.keys(WORKLOADS).join(',') },
      'low-rate': { type: 'string', default: '10' },
      'low-rate-seconds': { type: 'string', default: '30' },
      'child-timeout-seconds': { type: 'string', default: '900' },
      json: { type: 'string' },
    },
  });
  const int = (name, min) => {
    const n = Number(String(values[name]).replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const list = (name, known) => {
    const ids = values[name].split(',').filter(Boolean);
    const unknown = ids.filter((id) => !known.includes(id));
    if (unknown.length > 0) throw new Error(`--${name}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
    return ids;
  };
  const calls = int('calls', 1);
  const sdkIds = list(
    'sdks',
    SDKS.map((sdk) => sdk.id),
  );
  return {
    calls,
    rounds: int('rounds', 1),
    warmup: values.warmup === undefined ? Math.min(500, Math.ceil(calls / 10)) : int('warmup', 0),
    sdks: SDKS.filter((sdk) => sdk.id === 'baseline' || sdkIds.includes(sdk.id)),
    workloads: list('workloads', Object.keys(WORKLOADS)),
    lowRate: int('low-rate', 1),
    lowRateSeconds: int('low-rate-seconds', 0),
    childTimeoutMs: int('child-timeout-seconds', 1) * 1000,
    json: values.json,
  };
}

/** Installed versions of every package the report names. */
function readVersions() {
  const versions = new Map();
  const workspacePackages = {
    '@observatory/core': 'core',
    '@observatory/langchain': 'adapters/langchain',
    '@observatory/openai': 'adapters/openai',
  };
  for (const sdk of SDKS) {
    for (const name of sdk.packages) {
      const root = workspacePackages[name] ? join(workspaceDir, workspacePackages[name]) : packageRoot(name, peersDir);
      versions.set(name, packageVersion(root));
    }
  }
  versions.set('openai', packageVersion(packageRoot('openai', peersDir)));
  return versions;
}

function gitRevision() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: workspaceDir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Runs one child to its end; resolves to its result, or `{ failed }` with the reason. */
function runChild({ sdk, workload, mode, calls, warmup, rate, sinkUrl, langchainRoot, timeoutMs }) {
  const dir = mkdtempSync(join(tmpdir(), `observatory-bench-peers-${sdk.id}-`));
  const resultFile = join(dir, 'result.json');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !SCRUBBED_ENV.test(key)));
  Object.assign(env, sdk.env(sinkUrl), {
    BENCH_PEERS_CHILD: JSON.stringify({
      sdk: sdk.id,
      workload,
      mode,
      calls,
      warmup,
      rate,
      sinkUrl,
      langchainRoot,
      resultFile,
    }),
  });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childPath], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let result;
      try {
        result = code === 0 ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
      } catch {
        result = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      if (result) resolve({ ...result, output: output.trim() });
      else {
        const reason = signal ? `killed (${signal}) after ${timeoutMs / 1000} s` : `exit code ${code}`;
        resolve({ failed: `${reason}: ${output.trim().split('\n').slice(-6).join(' | ')}` });
      }
    });
  });
}

/** Whether this process runs in the workload (the empty LangChain handler runs in one). */
const runsIn = (sdk, workload) => !sdk.workloads || sdk.workloads.includes(workload);

/** The count that proves delivery for one child: stored rows, ended runs or spans. */
function delivered(sdk, result, counts) {
  if (sdk.id === 'baseline' || sdk.id === 'langchain-handler') return undefined;
  if (sdk.id === 'observatory' || sdk.id === 'observatory-writer-thread')
    return { count: result.stored?.rows ?? 0, unit: 'rows' };
  if (sdk.id === 'observatory-http') return { count: counts.calls, unit: 'calls' };
  if (sdk.id === 'langsmith') return { count: counts.runsEnded, unit: 'runs' };
  return { count: counts.spans, unit: 'spans' };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
const signed = (n, digits = 1) => (Number.isFinite(n) && n > 0 ? `+${fmt(n, digits)}` : fmt(n, digits));

/** `pick(run) - pick(the same round's baseline run)`; NaN when either failed or is missing. */
function addedInRound(run, baselineRuns, pick) {
  const base = baselineRuns.find((b) => b.round === run.round);
  return run.failed || !base || base.failed ? Number.NaN : pick(run) - pick(base);
}

/** Median over rounds of what a run added to its round's baseline. */
function addedMedian(runs, baselineRuns, pick) {
  const diffs = runs.map((run) => addedInRound(run, baselineRuns, pick)).filter(Number.isFinite);
  return diffs.length > 0 ? median(diffs) : Number.NaN;
}

function deliveryCell(runs) {
  const ok = runs.filter((run) => !run.failed);
  if (ok.length === 0 || ok[0].delivered === undefined) return '–';
  const worst = ok.reduce((a, b) => (b.delivered.count / b.totalCalls < a.delivered.count / a.totalCalls ? b : a));
  const mark = ok.every((run) => run.delivered.count >= run.totalCalls) ? '✓' : '✗';
  const perCall = worst.delivered.count / worst.totalCalls;
  const ratio = worst.delivered.unit === 'spans' && perCall >= 1.05 ? ` (${fmt(perCall, 2)}/call)` : '';
  return `${mark} ${worst.delivered.count.toLocaleString('en-US')} / ${worst.totalCalls.toLocaleString('en-US')} ${worst.delivered.unit}${ratio}`;
}

function printTable(workload, options, results, versions) {
  const of = (sdk, mode) => results.filter((r) => r.sdk === sdk.id && r.workload === workload && r.mode === mode);
  const baseline = options.sdks[0];
  const base = of(baseline, 'burst');
  const baseLow = of(baseline, 'low-rate');
  const lowRate = options.lowRateSeconds > 0;
  const header = [
    'SDK',
    'p50 added µs',
    'p99 added µs',
    'p99.9 added µs',
    'CPU/call added µs',
    'peak RSS added MB',
    'event-loop delay p99 ms',
    `delivered (worst of ${options.rounds} rounds)`,
    ...(lowRate ? [`CPU/call added µs at ${options.lowRate}/s`, `delivered at ${options.lowRate}/s`] : []),
  ];
  console.log(`\n### ${WORKLOADS[workload]}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  const ok = (runs) => runs.filter((run) => !run.failed);
  const med = (runs, pick) => median(ok(runs).map(pick));
  const loopDelay = (runs) =>
    fmt(
      med(runs, (r) => r.loopDelayP99Ms),
      2,
    );
  const baselineCells = [
    `${baseline.label}, absolute`,
    fmt(med(base, (r) => r.p50Us)),
    fmt(med(base, (r) => r.p99Us)),
    fmt(med(base, (r) => r.p999Us)),
    fmt(med(base, (r) => r.cpuPerCallUs)),
    fmt(med(base, (r) => r.maxRssKb / 1024)),
    loopDelay(base),
    '–',
    ...(lowRate ? [fmt(med(baseLow, (r) => r.cpuPerCallUs)), '–'] : []),
  ];
  console.log(`| ${baselineCells.join(' | ')} |`);
  const failures = [];
  for (const sdk of options.sdks.slice(1)) {
    if (!runsIn(sdk, workload)) continue;
    const runs = of(sdk, 'burst');
    const lowRuns = of(sdk, 'low-rate');
    for (const run of [...runs, ...lowRuns]) if (run.failed) failures.push(`${sdk.label} (${run.mode}): ${run.failed}`);
    if (ok(runs).length === 0) {
      console.log(`| ${sdk.label} | failed: see below |${' – |'.repeat(header.length - 2)}`);
      continue;
    }
    const added = (pick) => addedMedian(runs, base, pick);
    const cells = [
      [sdk.label, versions.get(sdk.main[workload])].filter(Boolean).join(' '),
      signed(added((r) => r.p50Us)),
      signed(added((r) => r.p99Us)),
      signed(added((r) => r.p999Us)),
      signed(added((r) => r.cpuPerCallUs)),
      signed(added((r) => r.maxRssKb / 1024)),
      loopDelay(runs),
      deliveryCell(runs),
      ...(lowRate ? [signed(addedMedian(lowRuns, baseLow, (r) => r.cpuPerCallUs)), deliveryCell(lowRuns)] : []),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  printShareOfLangfuse(workload, options, of, base);
  for (const failure of failures) console.log(`\n- ${failure}`);
}

/**
 * Each Observatory process's added CPU as a share of Langfuse's in the same round (issue 13's
 * targets are shares of Langfuse's). The ratio of the table's medians can sit on one side of
 * a line while most rounds sit on the other, so each round's share is printed too.
 */
function printShareOfLangfuse(workload, options, of, base) {
  const langfuse = options.sdks.find((sdk) => sdk.id === 'langfuse');
  if (!langfuse || !runsIn(langfuse, workload)) return;
  const added = (run) => addedInRound(run, base, (r) => r.cpuPerCallUs);
  const lines = [];
  for (const sdk of options.sdks.filter((s) => s.id.startsWith('observatory') && runsIn(s, workload))) {
    const shares = of(sdk, 'burst')
      .map((run) => {
        const peer = of(langfuse, 'burst').find((l) => l.round === run.round);
        return { round: run.round, share: peer ? added(run) / added(peer) : Number.NaN };
      })
      .filter(({ share }) => Number.isFinite(share))
      .sort((a, b) => a.round - b.round);
    if (shares.length === 0) continue;
    const each = shares.map(({ share }) => fmt(share, 2)).join(', ');
    lines.push(`- ${sdk.label}: ${each} (median ${fmt(median(shares.map(({ share }) => share)), 2)})`);
  }
  if (lines.length > 0)
    console.log(`\nAdded CPU a call as a share of ${langfuse.label}'s, round by round:\n${lines.join('\n')}`);
}

export async function main() {
  const options = readOptions();
  const versions = readVersions();
  const workspaceLangChain = packageRoot('@langchain/core', join(workspaceDir, 'adapters', 'langchain'));
  const peersLangChain = packageRoot('@langchain/core', peersDir);
  const langchainVersions = [packageVersion(workspaceLangChain), packageVersion(peersLangChain)];
  if (langchainVersions[0] !== langchainVersions[1]) {
    throw new Error(
      `@langchain/core differs: ${langchainVersions[0]} (workspace) vs ${langchainVersions[1]} (bench/peers); pin the same version`,
    );
  }
  const sink = await startSink();
  const command = `node bench/peers/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const lowRateCalls = options.lowRate * options.lowRateSeconds;
  const lowRateMinutes =
    (options.rounds * options.workloads.length * options.sdks.length * options.lowRateSeconds) / 60;
  console.error(
    `${options.sdks.length} processes × ${options.workloads.length} workloads × ${options.rounds} rounds; low-rate part ≈ ${fmt(lowRateMinutes, 1)} min`,
  );

  const results = [];
  const modes = [
    { mode: 'burst', calls: options.calls, warmup: options.warmup },
    ...(options.lowRateSeconds > 0
      ? [{ mode: 'low-rate', calls: lowRateCalls, warmup: Math.min(options.warmup, 50) }]
      : []),
  ];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? options.sdks : [...options.sdks].reverse();
    for (const { mode, calls, warmup } of modes) {
      for (const workload of options.workloads) {
        for (const sdk of order) {
          if (!runsIn(sdk, workload)) continue;
          sink.reset();
          const result = await runChild({
            sdk,
            workload,
            mode,
            calls,
            warmup,
            rate: options.lowRate,
            sinkUrl: sink.url,
            langchainRoot: sdk.id.startsWith('observatory') ? workspaceLangChain : peersLangChain,
            timeoutMs: options.childTimeoutMs,
          });
          const counts = sink.counts();
          const entry = { sdk: sdk.id, workload, mode, round, ...result, sink: counts };
          if (!result.failed) entry.delivered = delivered(sdk, result, counts);
          results.push(entry);
          const status = result.failed
            ? `FAILED ${result.failed}`
            : `${fmt(result.p50Us)} µs p50, ${fmt(result.cpuPerCallUs)} µs CPU/call${entry.delivered ? `, ${entry.delivered.count} ${entry.delivered.unit}` : ''}`;
          console.error(`round ${round + 1} ${mode} ${workload} ${sdk.id}: ${status}`);
        }
      }
    }
  }
  await sink.close();

  console.log(`## Host cost of LLM observability SDKs, next to no SDK`);
  console.log(
    `\nnode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${options.rounds} round(s) in alternating order, each SDK and workload in its own process; ${options.calls.toLocaleString('en-US')} timed calls after ${options.warmup} warm-up calls${options.lowRateSeconds > 0 ? `; low rate: ${options.lowRate} calls/s for ${options.lowRateSeconds} s (${lowRateCalls} calls)` : ''}.`,
  );
  console.log(`Command: \`${command}\` (Observatory as built at ${gitRevision()}).`);
  for (const workload of options.workloads) printTable(workload, options, results, versions);

  console.log('\nInstalled versions:');
  console.log(
    `- @langchain/core ${langchainVersions[0]} (the workspace's copy for Observatory, bench/peers' for the rest)`,
  );
  for (const [name, version] of versions) console.log(`- ${name} ${version}`);
  const notes = results.filter((r) => r.sink.errors.length > 0 || Object.keys(r.sink.other).length > 0);
  for (const r of notes) {
    console.log(
      `\nSink note, ${r.sdk} ${r.workload} ${r.mode} round ${r.round + 1}: errors ${JSON.stringify(r.sink.errors.slice(0, 3))}, other requests ${JSON.stringify(r.sink.other)}`,
    );
  }
  // What a process printed (SDK warnings, dropped spans) would otherwise go unseen.
  for (const r of results.filter((r) => r.output)) {
    console.log(`\nOutput of ${r.sdk} ${r.workload} ${r.mode} round ${r.round + 1}: ${r.output.slice(0, 500)}`);
  }
  if (options.json) writeFileSync(options.json, JSON.stringify({ options, results }, null, 2));
  if (results.some((r) => r.failed)) process.exitCode = 1;
}
