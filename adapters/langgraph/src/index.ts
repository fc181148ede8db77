/**
 * LangGraph JS integration for Observatory: each graph run is a session, each node an agent.
 *
 * @packageDocumentation
 */
export type { ObservatoryGraphHandlerOptions } from './observatory-graph-handler.js';
export { ObservatoryGraphHandler } from './observatory-graph-handler.js';
export { registerObservatoryGraphHandler } from './register-observatory-graph-handler.js';
