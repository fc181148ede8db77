// Observatory as observatory.mjs, with `writerThread: true`: the embedded store is written
// on a worker thread instead of the host's. For the side-by-side of the two.
import { Observatory } from '../../../../core/dist/index.js';
import { adapterHooks } from './observatory.mjs';

export async function setup({ workload }) {
  const obs = new Observatory({ writerThread: true });
  return {
    ...adapterHooks(obs, workload),
    flush: () => obs.flush(),
    shutdown: () => obs.close(),
    stored: async () => {
      const reader = new Observatory({ flushOnExit: false });
      try {
        return { rows: await reader.storage.countLlmCalls(), stats: obs.stats() };
      } finally {
        await reader.close();
      }
    },
  };
}
