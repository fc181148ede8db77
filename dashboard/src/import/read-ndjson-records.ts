import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RawRecord } from './raw-record.js';

/** Records of an NDJSON export, one per non-blank line, read as a stream. */
export async function* readNdjsonRecords(input: Readable): AsyncGenerator<RawRecord> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problem: { line, field: '(line)', value: text, message: (error as Error).message } };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, problem: { line, field: '(line)', value: text, message: 'must be a JSON object' } };
      continue;
    }
    yield { line, fields: value as Record<string, unknown> };
  }
}
