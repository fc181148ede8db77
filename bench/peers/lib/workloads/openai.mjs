// Workload (b): one `client.chat.completions.create` per call on the real `openai` client,
// whose `fetch` answers at once with a real chat.completion body (usage with cached tokens),
// the fixture the OpenAI adapter's tests use. No network: what is measured is the client
// plus the SDK.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const completionBody = readFileSync(
  new URL('../../../../adapters/openai/src/__fixtures__/chat-completion-gpt-4o-cached.json', import.meta.url),
  'utf8',
);
const request = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You review diffs.' },
    { role: 'user', content: 'Review: - fetchUser() + loadUser()' },
  ],
};

let requestCount = 0;
async function fakeFetch() {
  requestCount++;
  return new Response(completionBody, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': `req_bench_${requestCount}` },
  });
}

/**
 * The workload through an SDK: `wrap(client)` is its wrapper (identity when it patches the
 * class or records after the call), `afterCall(completion, request, startTime)` what the app
 * adds after each call (Observatory's one line).
 */
export function createOpenAIWorkload({ wrap = (client) => client, afterCall } = {}) {
  const client = wrap(new OpenAI({ apiKey: 'sk-bench', baseURL: 'http://openai.invalid/v1', fetch: fakeFetch }));
  return {
    call: async () => {
      const startTime = performance.now();
      const completion = await client.chat.completions.create(request);
      afterCall?.(completion, request, startTime);
      if (completion.usage?.prompt_tokens !== 2006) throw new Error('unexpected completion');
    },
  };
}

export { OpenAI };
