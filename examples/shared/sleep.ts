/**
 * Wait `ms` milliseconds (simulated network and generation time). Nothing to wait for
 * resolves at once, without a timer: Node waits at least 1 ms for any `setTimeout`, which a
 * streamed answer of hundreds of chunks would pay per chunk when time is not simulated.
 */
export function sleep(ms: number): Promise<void> {
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
