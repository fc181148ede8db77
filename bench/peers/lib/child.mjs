// One SDK × one workload × one mode, alone in its process. Sets the SDK up, runs `warmup`
// untimed calls and flushes them, then measures: each call's wall time, and over the whole
// measured window (the calls, then LangChain's background callbacks and the SDK's own
// shutdown, so batched exports are paid for) the process CPU and, in burst mode, the
// event-loop delay; the peak RSS of the process at the end. Writes the numbers as JSON to
// `resultFile`.
//
// Burst mode yields to the event loop between calls (as an app does while its requests and
// model calls wait on I/O): without it a fake model's calls chain as microtasks, the loop
// never turns, no delay is sampled and the SDKs' timers and exports cannot interleave.
//
// Config: the JSON in BENCH_PEERS_CHILD (see main.mjs).
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import { importFrom } from './import-package.mjs';

const config = JSON.parse(process.env.BENCH_PEERS_CHILD);
const { sdk: sdkId, workload: workloadName, mode, calls, warmup, rate, sinkUrl, langchainRoot, resultFile } = config;

const { setup } = await import(`./sdks/${sdkId}.mjs`);
const sdk = await setup({ workload: workloadName, sinkUrl, langchainRoot });

let call;
let drainCallbacks = async () => {};
if (workloadName === 'langchain') {
  const { createLangChainWorkload } = await import('./workloads/langchain.mjs');
  const workload = await createLangChainWorkload(langchainRoot);
  const { awaitAllCallbacks } = await importFrom(langchainRoot, './callbacks/promises');
  call = () => workload.call(sdk.callOptions);
  drainCallbacks = awaitAllCallbacks;
} else {
  const { createOpenAIWorkload } = await import('./workloads/openai.mjs');
  const workload = createOpenAIWorkload({ wrap: sdk.wrap, afterCall: sdk.afterCall });
  call = () => workload.call();
}

/** Nearest-rank quantile of sorted numbers. */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

for (let i = 0; i < warmup; i++) {
  await call();
  await yieldToLoop();
}
await drainCallbacks();
await sdk.flush?.();

const durations = new Float64Array(calls);
// Sampling timers cost CPU of their own: only in burst mode, where the delay is reported.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
if (mode === 'burst') loopDelay.enable();
const cpuBefore = process.cpuUsage();
const started = performance.now();
if (mode === 'low-rate') {
  // Paced from the start time, so a slow call does not push every later one back.
  const intervalMs = 1000 / rate;
  for (let i = 0; i < calls; i++) {
    const wait = started + i * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    const t0 = performance.now();
    await call();
    durations[i] = performance.now() - t0;
  }
} else {
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await call();
    durations[i] = performance.now() - t0;
    await yieldToLoop();
  }
}
const callsDone = performance.now();
await drainCallbacks();
await sdk.shutdown();
const finished = performance.now();
const cpu = process.cpuUsage(cpuBefore);
loopDelay.disable();
const maxRssKb = process.resourceUsage().maxRSS;

durations.sort();
const cpuUs = cpu.user + cpu.system;
const result = {
  sdk: sdkId,
  workload: workloadName,
  mode,
  calls,
  totalCalls: warmup + calls,
  p50Us: quantile(durations, 0.5) * 1000,
  p99Us: quantile(durations, 0.99) * 1000,
  p999Us: quantile(durations, 0.999) * 1000,
  cpuUs,
  cpuPerCallUs: cpuUs / calls,
  maxRssKb,
  loopDelayP99Ms: mode === 'burst' ? loopDelay.percentile(99) / 1e6 : undefined,
  callsMs: callsDone - started,
  shutdownMs: finished - callsDone,
  stored: sdk.stored ? await sdk.stored() : undefined,
};
writeFileSync(resultFile, JSON.stringify(result));
