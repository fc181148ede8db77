/**
 * Test support of `@observatory/ai-sdk`, shared by its tests and `bench/`: `ai` 5, 6 and 7
 * side by side with what differs between them, their mock models serving trimmed real
 * provider responses, and the fixtures. A workspace-only subpath (`@observatory/source`
 * condition, not published): it needs the `ai5` / `ai6` / `ai7` devDependencies and the
 * `src/__fixtures__` files, neither of which ships.
 *
 * @example
 * import { aiSdkVersions, generatingModel, fromOpenAIChat, loadFixture } from '@observatory/ai-sdk/test'
 * for (const version of aiSdkVersions) {
 *   const turn = fromOpenAIChat(version.spec, loadFixture('openai-chat-gpt-4o.json'))
 *   await version.ai.generateText({ model: generatingModel(version, 'openai.chat', 'gpt-4o', [turn]), prompt: 'Hi' })
 * }
 *
 * @packageDocumentation
 */
export type {
  AiFunctions,
  AiSdkTelemetryVersion,
  AiSdkVersion,
  CallOptions,
  MockModelOptions,
  TextResult,
  TextStream,
} from './ai-sdk-versions.js';
export { aiSdkVersions } from './ai-sdk-versions.js';
export type { StreamDelays } from './mock-models.js';
export { failingModel, generatingModel, slowModel, streamingModel } from './mock-models.js';
export type { ProviderTurn, Spec } from './provider-results.js';
export { fromAnthropicMessage, fromOpenAIChat, generateResult, streamParts } from './provider-results.js';
export { loadFixture, storedCalls } from './stored-calls.js';
