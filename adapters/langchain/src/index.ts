/**
 * LangChain JS integration for Observatory: a callback handler that records every
 * chat-model and LLM call, per call or app-wide.
 *
 * @packageDocumentation
 */
export type { CallContext, ObservatoryCallbackHandlerOptions } from './observatory-callback-handler.js';
export { ObservatoryCallbackHandler } from './observatory-callback-handler.js';
export { registerObservatoryHandler, unregisterObservatoryHandler } from './register-observatory-handler.js';
