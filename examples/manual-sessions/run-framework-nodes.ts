import type { Observatory } from '@observatory/core';
import type { LlmClient, LlmRequest, LlmResult } from './llm-client.js';
import { recordStep } from './record-step.js';
import { ANSWER_SYSTEM, GRADER_SYSTEM, QUERY_REWRITER_SYSTEM } from './scenario.js';

/** The state a home-grown pipeline passes from node to node. */
interface WikiState {
  question: string;
  query?: string;
  passages?: string[];
  relevant?: string[];
  answer?: string;
}

/** A model call as a node sees it: recorded under the node's name. */
type NodeLlm = (request: LlmRequest) => Promise<LlmResult>;
type NodeBody<S> = (state: S, llm: NodeLlm) => Promise<S>;

/**
 * Pattern 3 — a framework node: wrap each node of your own pipeline (or of a framework
 * without an adapter) so every model call made inside it is recorded with the node as the
 * agent, the node's position as metadata, and the run's session.
 */
export function recordedNode<S>(
  obs: Observatory,
  llm: LlmClient,
  sessionId: string,
  name: string,
  body: NodeBody<S>,
): (state: S, step: number) => Promise<S> {
  return (state, step) =>
    body(state, async (request) => {
      const { result } = await recordStep(obs, llm, request, {
        sessionId,
        agentName: name,
        operationName: `node:${name}`,
        metadata: { node: name, step },
      });
      return result;
    });
}

const WIKI: readonly string[] = [
  'Home office: employees may expense one desk chair up to $400 every three years.',
  'Travel: book flights through the travel portal; economy class under 6 hours.',
  'Expenses: submit receipts in the expenses tool within 30 days, category "Home office" for equipment.',
  'Hardware: laptops are refreshed every three years by IT; request via the service desk.',
];

/** A four-node question-answering pipeline (rewrite → retrieve → grade → answer), one session per question. */
export async function answerWikiQuestion(
  obs: Observatory,
  llm: LlmClient,
  question: string,
): Promise<{ sessionId: string; answer?: string }> {
  return obs.withSession(
    'wiki_question',
    async (session) => {
      const nodes = [
        recordedNode<WikiState>(obs, llm, session.id, 'rewrite_query', async (state, call) => {
          const { text } = await call({ model: 'gpt-4o-mini', system: QUERY_REWRITER_SYSTEM, prompt: state.question });
          return { ...state, query: text };
        }),
        // A node without a model call records nothing.
        recordedNode<WikiState>(obs, llm, session.id, 'retrieve', async (state) => {
          const words = (state.query ?? '').split(' ');
          const scored = WIKI.map((page) => ({
            page,
            hits: words.filter((w) => page.toLowerCase().includes(w)).length,
          }));
          return {
            ...state,
            passages: scored
              .sort((a, b) => b.hits - a.hits)
              .map((s) => s.page)
              .slice(0, 3),
          };
        }),
        recordedNode<WikiState>(obs, llm, session.id, 'grade_passages', async (state, call) => {
          const numbered = (state.passages ?? []).map((p, i) => `[${i + 1}] ${p}`).join('\n');
          const { text } = await call({
            model: 'gpt-4o-mini',
            system: GRADER_SYSTEM,
            prompt: `Question: ${state.question}\n${numbered}`,
          });
          const grades = text.split('\n');
          return { ...state, relevant: (state.passages ?? []).filter((_, i) => grades[i] === 'relevant') };
        }),
        recordedNode<WikiState>(obs, llm, session.id, 'answer', async (state, call) => {
          const { text } = await call({
            model: 'gpt-4o',
            system: ANSWER_SYSTEM,
            prompt: `Question: ${state.question}\n${(state.relevant ?? []).map((p, i) => `[${i + 1}] ${p}`).join('\n')}`,
          });
          return { ...state, answer: text };
        }),
      ];
      let state: WikiState = { question };
      for (const [step, node] of nodes.entries()) state = await node(state, step + 1);
      return { sessionId: session.id, answer: state.answer };
    },
    { question },
  );
}
