import { createReadStream, statSync } from 'node:fs';
import { Observatory } from '@observatory/core';
import { importRecords } from '../../import/import-records.js';
import { formatImportProblem } from '../../import/raw-record.js';
import { readCsvRecords } from '../../import/read-csv-records.js';
import { readNdjsonRecords } from '../../import/read-ndjson-records.js';
import { type Command, DB_OPTION, JSON_OPTION } from '../command.js';
import { createProgressBar } from '../progress-bar.js';
import { choiceOption, textOption, UsageError } from '../read-options.js';

/** Problems printed one per line; past this, only their count. */
const PROBLEMS_SHOWN = 100;

export const importCommand: Command = {
  name: 'import',
  summary: 'read an export (a file or stdin) into a store',
  details:
    'Ids are kept, so importing twice adds nothing. Bad records are reported on stderr by line, field and value and skipped; the exit code is then 1.',
  options: {
    format: { type: 'string', value: 'csv|json', description: 'input format (default: from the file name, else json)' },
    in: { type: 'string', value: 'FILE', description: 'read this file (default stdin)' },
    ...DB_OPTION,
    ...JSON_OPTION,
  },
  async run(values) {
    const inPath = textOption(values, 'in');
    const format =
      choiceOption(values, 'format', ['csv', 'json'] as const) ??
      (inPath?.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    let size = 0;
    if (inPath) {
      try {
        size = statSync(inPath).size;
      } catch {
        throw new UsageError(`--in ${JSON.stringify(inPath)}: no such file`);
      }
    }
    const input = inPath ? createReadStream(inPath) : process.stdin;
    const obs = new Observatory({ databaseUrl: textOption(values, 'db'), flushOnExit: false });
    const bar = inPath && !values.json ? createProgressBar('bytes read') : null;
    let problems = 0;
    try {
      const summary = await importRecords(
        obs.storage,
        format === 'csv' ? readCsvRecords(input) : readNdjsonRecords(input),
        {
          onProblem: (problem) => {
            if (++problems <= PROBLEMS_SHOWN) process.stderr.write(`${formatImportProblem(problem)}\n`);
          },
          onProgress: () => bar?.update((input as { bytesRead?: number }).bytesRead ?? 0, size),
        },
      );
      bar?.update(size, size);
      if (problems > PROBLEMS_SHOWN) process.stderr.write(`… and ${problems - PROBLEMS_SHOWN} more problems\n`);
      const n = (value: number) => value.toLocaleString('en-US');
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ database: obs.database, ...summary })}\n`
          : `Imported ${n(summary.calls)} calls (${n(summary.duplicateCalls)} already stored) and ${n(summary.sessions)} sessions into ${obs.database}${summary.badRecords > 0 ? `; skipped ${n(summary.badRecords)} bad records` : ''}.\n`,
      );
      return summary.badRecords > 0 ? 1 : 0;
    } finally {
      await obs.close();
    }
  },
};
