// Workload (a): one LangChain chat-model `invoke` per call, on a fake model that answers at
// once with what ChatOpenAI reports for a real answer: `usage_metadata` (with cache reads),
// `response_metadata` (model, provider, finish reason), `invocation_params.model` and the
// LangSmith `ls_*` params. No network: what is measured is LangChain plus the SDK.
import { importFrom } from '../import-package.mjs';

const MODEL = 'gpt-4o';
const SYSTEM =
  'You are a support agent for an online store. Answer in two short paragraphs, cite the order number, and never promise refunds the policy does not allow.';
const QUESTION =
  'Hi, I ordered a pair of running shoes last week (order #48213) and they arrived in the wrong size. Can I exchange them for a 43 instead of a 42, and do I need to pay for return shipping?';
const ANSWER =
  'Thanks for reaching out about order #48213. You can exchange the shoes for a size 43 free of charge: returns for a wrong size are covered by our policy.\n\nI have emailed you a prepaid return label. Once the courier scans the parcel, we ship the new pair within one business day.';

/**
 * The workload on the `@langchain/core` installed at `root`. `call(options)` runs one
 * invoke with the SDK's per-call options (`{ callbacks }`, or `{}` for global ones).
 */
export async function createLangChainWorkload(root) {
  const [{ BaseChatModel }, { AIMessage, HumanMessage, SystemMessage }] = await Promise.all([
    importFrom(root, './language_models/chat_models'),
    importFrom(root, './messages'),
  ]);

  class FakeUsageChatModel extends BaseChatModel {
    static lc_name() {
      return 'FakeUsageChatModel';
    }

    _llmType() {
      return 'fake-usage';
    }

    invocationParams() {
      return { model: MODEL, temperature: 0.2, max_tokens: 512 };
    }

    getLsParams(options) {
      return { ...super.getLsParams(options), ls_provider: 'openai', ls_model_name: MODEL };
    }

    async _generate() {
      const message = new AIMessage({
        content: ANSWER,
        usage_metadata: {
          input_tokens: 1320,
          output_tokens: 96,
          total_tokens: 1416,
          input_token_details: { cache_read: 1024 },
          output_token_details: { reasoning: 0 },
        },
        response_metadata: { model_name: 'gpt-4o-2024-08-06', model_provider: 'openai', finish_reason: 'stop' },
      });
      return { generations: [{ text: ANSWER, message }], llmOutput: {} };
    }
  }

  const model = new FakeUsageChatModel({});
  const messages = [new SystemMessage(SYSTEM), new HumanMessage(QUESTION)];
  return {
    call: async (options) => {
      const reply = await model.invoke(messages, options);
      if (reply.content !== ANSWER) throw new Error(`unexpected answer: ${reply.content}`);
    },
  };
}
