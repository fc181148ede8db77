/** Something to flush when the process is about to exit. */
export interface Flushable {
  flushOnExit(): Promise<void>;
}

const registered = new Set<Flushable>();
let installed = false;

/**
 * Flush on `beforeExit`, SIGTERM and SIGINT. A signal handler must not change what the
 * signal does to the app: after flushing, if nobody else listens for the signal, it is
 * raised again with our handler removed, so Node's default (exit) still happens; if the
 * app has its own handler, the app stays in charge.
 */
export function registerExitFlush(target: Flushable): () => void {
  registered.add(target);
  if (!installed) install();
  return () => registered.delete(target);
}

function flushAll(): Promise<unknown> {
  return Promise.allSettled([...registered].map((target) => target.flushOnExit()));
}

function install(): void {
  installed = true;
  process.on('beforeExit', () => {
    if (registered.size > 0) void flushAll();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      void flushAll().then(() => {
        if (process.listenerCount(signal) === 1) {
          process.removeListener(signal, onSignal);
          process.kill(process.pid, signal);
        }
      });
    };
    process.on(signal, onSignal);
  }
}
