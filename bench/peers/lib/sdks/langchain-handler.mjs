// A reference row, not an SDK: one LangChain callback handler whose methods do nothing,
// awaited like Observatory's. What it adds is what LangChain's callback machinery costs
// any handler (run ids, the run managers, their promises, and the garbage they leave) before
// the handler does any work of its own.
import { importFrom } from '../import-package.mjs';

export async function setup({ langchainRoot }) {
  const { BaseCallbackHandler } = await importFrom(langchainRoot, './callbacks/base');
  class DoNothingHandler extends BaseCallbackHandler {
    name = 'do-nothing';
    awaitHandlers = true;
    async handleChatModelStart() {}
    async handleLLMEnd() {}
    async handleLLMError() {}
  }
  return { callOptions: { callbacks: [new DoNothingHandler()] }, shutdown: async () => {} };
}
