// Observatory sending its calls to a collector instead of writing a database: the same
// adapters as observatory.mjs, with `ingestUrl` pointed at the loopback sink's
// `POST /api/calls` (the endpoint an Observatory server exposes). The sink counts the calls.
import { Observatory } from '../../../../core/dist/index.js';
import { adapterHooks } from './observatory.mjs';

export async function setup({ workload, sinkUrl }) {
  const obs = new Observatory({ ingestUrl: `${sinkUrl}/api/calls` });
  return { ...(await adapterHooks(obs, workload)), flush: () => obs.flush(), shutdown: () => obs.close() };
}
