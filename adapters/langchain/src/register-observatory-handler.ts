import * as context from '@langchain/core/context';
import { type Observatory, ObservatoryError } from '@observatory/core';
import { ObservatoryCallbackHandler, type ObservatoryCallbackHandlerOptions } from './observatory-callback-handler.js';

/** The LangChain context variable holding the registered handler. */
const CONTEXT_VARIABLE = 'observatory_callback_handler';

/**
 * Record every LangChain run of the app without passing `callbacks` anywhere: registers
 * the handler through LangChain's configure hook (`registerConfigureHook` +
 * `setContextVariable`). Call it once at startup, before request handlers run: LangChain
 * keeps hooks in AsyncLocalStorage, so async contexts created earlier do not see it.
 * Registering again replaces the handler. Pass a handler (e.g. an `ObservatoryGraphHandler`)
 * instead of an observatory to register that one.
 *
 * @example
 * registerObservatoryHandler(obs, { agentName: 'assistant' })
 * await chain.invoke({ question }) // recorded
 */
export function registerObservatoryHandler(
  target: Observatory | ObservatoryCallbackHandler,
  options?: ObservatoryCallbackHandlerOptions,
): ObservatoryCallbackHandler {
  const handler =
    target instanceof ObservatoryCallbackHandler ? target : new ObservatoryCallbackHandler(target, options);
  if (typeof context.registerConfigureHook !== 'function') {
    throw new ObservatoryError(
      'registerObservatoryHandler needs a @langchain/core with registerConfigureHook (0.3.2x or 1.x); pass the handler in `callbacks` instead',
    );
  }
  // undefined means no hook in this context yet; unregistering leaves null, so registering
  // again does not stack a second hook.
  if (context.getContextVariable(CONTEXT_VARIABLE) === undefined) {
    context.registerConfigureHook({ contextVar: CONTEXT_VARIABLE });
  }
  context.setContextVariable(CONTEXT_VARIABLE, handler);
  return handler;
}

/** Stop recording runs through the handler registered by `registerObservatoryHandler`. */
export function unregisterObservatoryHandler(): void {
  if (context.getContextVariable(CONTEXT_VARIABLE) !== undefined) context.setContextVariable(CONTEXT_VARIABLE, null);
}
