/**
 * Test doubles for code that records LangChain calls: `@observatory/langchain/test`.
 *
 * @packageDocumentation
 */
export type { FakeUsageChatModelInput } from './fake-usage-chat-model.js';
export { FakeUsageChatModel } from './fake-usage-chat-model.js';
