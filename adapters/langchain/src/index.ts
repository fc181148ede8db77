/**
 * LangChain JS integration for Observatory: a callback handler that records every
 * chat-model and LLM call, per call or app-wide, and a one-line recorder for the
 * callback-free `streamEvents()` of LangChain 1.x.
 *
 * @packageDocumentation
 */
export type { CallContext, ObservatoryCallbackHandlerOptions } from './observatory-callback-handler.js';
export { ObservatoryCallbackHandler } from './observatory-callback-handler.js';
export { type RecordChatModelStreamOptions, recordChatModelStream } from './record-chat-model-stream.js';
export { registerObservatoryHandler, unregisterObservatoryHandler } from './register-observatory-handler.js';
