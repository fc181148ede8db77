import { Observatory } from '@observatory/core';
import { type Command, DB_OPTION, JSON_OPTION } from '../command.js';
import { durationOption, required, textOption } from '../read-options.js';

export const pruneCommand: Command = {
  name: 'prune',
  summary: 'delete sessions (and their calls) older than a duration',
  options: {
    'older-than': { type: 'string', value: 'DURATION', description: 'age to keep, e.g. 90d, 12w, 48h (required)' },
    project: { type: 'string', value: 'P', description: 'only this project' },
    ...DB_OPTION,
    ...JSON_OPTION,
  },
  async run(values) {
    const olderThanMs = required(durationOption(values, 'older-than'), 'older-than', '90d');
    const cutoff = new Date(Date.now() - olderThanMs);
    const obs = new Observatory({ databaseUrl: textOption(values, 'db'), flushOnExit: false });
    try {
      const result = await obs.storage.deleteSessionsBefore(cutoff, textOption(values, 'project'));
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ before: cutoff.toISOString(), sessions: result.sessions, calls: result.calls })}\n`
          : `Deleted ${result.sessions.toLocaleString('en-US')} sessions and ${result.calls.toLocaleString('en-US')} calls started before ${cutoff.toISOString()}.\n`,
      );
    } finally {
      await obs.close();
    }
    return 0;
  },
};
