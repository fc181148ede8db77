import type { Observatory } from '@observatory/core';
import { registerObservatoryHandler } from '@observatory/langchain';
import { ObservatoryGraphHandler, type ObservatoryGraphHandlerOptions } from './observatory-graph-handler.js';

/**
 * Record every LangGraph run of the app without passing `callbacks`: registers an
 * `ObservatoryGraphHandler` through LangChain's configure hook. Call it once at startup;
 * `unregisterObservatoryHandler()` from `@observatory/langchain` stops it.
 *
 * @example
 * registerObservatoryGraphHandler(obs)
 * await graph.invoke({ question }, { configurable: { thread_id: 't-1' } }) // a session
 */
export function registerObservatoryGraphHandler(
  obs: Observatory,
  options?: ObservatoryGraphHandlerOptions,
): ObservatoryGraphHandler {
  const handler = new ObservatoryGraphHandler(obs, options);
  registerObservatoryHandler(handler);
  return handler;
}
