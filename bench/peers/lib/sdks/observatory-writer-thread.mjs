// Observatory as observatory.mjs, with `writerThread: true`: the embedded store is written
// on a worker thread instead of the host's. For the side-by-side of the two.
import { setupWith } from './observatory.mjs';

export function setup({ workload }) {
  return setupWith({ writerThread: true }, workload);
}
