import type { Observatory } from '@observatory/core';

/**
 * The session ids of graph runs, by the LangChain run id each run was given: the graph
 * handler opens the session itself and keeps the run id in the session's metadata.
 */
export async function findGraphSessions(
  obs: Observatory,
  operationType: string,
  runIds: readonly string[],
): Promise<string[]> {
  await obs.flush();
  const sessions = await obs.storage.getSessions({ projectName: obs.projectName, operationType, limit: 10_000 });
  const byRunId = new Map(sessions.map((session) => [session.metadata?.runId, session.id]));
  return runIds.map((runId) => {
    const id = byRunId.get(runId);
    if (!id) throw new Error(`no ${operationType} session with metadata.runId ${runId}`);
    return id;
  });
}
