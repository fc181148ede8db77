/**
 * Test support of `@observatory/openai`, shared by its tests and `bench/sdk-accuracy-table.ts`
 * (so the accuracy table checks exactly what the tests check): every shape the adapter
 * accepts, produced by the real `openai` client from a fixture served by a fake `fetch`,
 * with the row it must produce. A workspace-only subpath (`@observatory/source` condition,
 * not published): it needs the `openai` devDependency and the `src/__fixtures__` files,
 * neither of which ships.
 *
 * @example
 * import { openAICases, recordOutcome } from '@observatory/openai/test'
 * for (const testCase of openAICases) recordOutcome(obs, await testCase.run())
 *
 * @packageDocumentation
 */
export type { CaseOutcome, OpenAICase } from './openai-cases.js';
export { fakeOpenAIClient, openAICases, recordOutcome } from './openai-cases.js';
export { readFixture, readJsonFixture } from './read-fixture.js';
