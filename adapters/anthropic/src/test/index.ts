/**
 * Test support of `@observatory/anthropic`, shared by its tests and
 * `bench/sdk-accuracy-table.ts` (so the accuracy table checks exactly what the tests check):
 * every shape the adapter accepts, produced by the real `@anthropic-ai/sdk` client from a
 * fixture served by a fake `fetch`, with the row it must produce. A workspace-only subpath
 * (`@observatory/source` condition, not published): it needs the `@anthropic-ai/sdk`
 * devDependency and the `src/__fixtures__` files, neither of which ships.
 *
 * @example
 * import { anthropicCases, recordOutcome } from '@observatory/anthropic/test'
 * for (const testCase of anthropicCases) recordOutcome(obs, await testCase.run())
 *
 * @packageDocumentation
 */
export type { AnthropicCase, CaseOutcome } from './anthropic-cases.js';
export { anthropicCases, fakeAnthropicClient, recordOutcome } from './anthropic-cases.js';
export { readFixture, readJsonFixture } from './read-fixture.js';
