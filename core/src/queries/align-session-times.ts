import type { Knex } from '@mikro-orm/knex';

/**
 * Move each session's start (and, if it ended, its end) to the time of its first (last)
 * call, for sessions whose calls carry earlier timestamps than the session row: history
 * recorded after the fact (an import, `observatory demo`). Live sessions are untouched,
 * since their calls never predate their start. Returns the number of sessions moved.
 */
export async function alignSessionTimes(knex: Knex, projectName?: string): Promise<number> {
  const firstCall = '(select min(c.timestamp) from llm_calls c where c.session_id = sessions.id)';
  const lastCall = '(select max(c.timestamp) from llm_calls c where c.session_id = sessions.id)';
  const query = knex('sessions')
    .whereRaw(`start_time > ${firstCall}`)
    .update({
      start_time: knex.raw(firstCall),
      end_time: knex.raw(`case when end_time is null then null else ${lastCall} end`),
    });
  if (projectName !== undefined) query.where('project_name', projectName);
  return query;
}
