import { readFileSync } from 'node:fs';

/** The text of a fixture file in `src/__fixtures__/`. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}
