import { randomUUID } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { RunnableConfig } from '@langchain/core/runnables';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { Observatory } from '@observatory/core';
import { ObservatoryGraphHandler } from '@observatory/langgraph';
import { backdate } from '../../shared/backdate.js';
import { chooseChatModel } from '../../shared/choose-model.js';
import { type Customer, createCustomerPicker, customerMetadata } from '../../shared/customers.js';
import { createSeededRandom } from '../../shared/seeded-random.js';
import { SimulatedProvider } from '../../shared/simulated-provider.js';
import {
  ANALYZER_SYSTEM,
  codeReviewResponder,
  FIXER_SYSTEM,
  PULL_REQUESTS,
  type PullRequest,
  REVIEWER_SYSTEM,
} from './pull-requests.js';

export interface CodeReviewCrewOptions {
  /** Picks the pull requests; the same seed gives the same run. Default 1. */
  seed?: number;
  /** How many pull requests to review, sampled by the seed. Default 3. */
  count?: number;
  /** Review exactly these pull requests (by number) instead. */
  pullRequests?: number[];
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: simulated models even when OPENAI_API_KEY is set. */
  offline?: boolean;
  /** Simulated time per real time of the offline models (see SimulatedProvider); 0 runs without waiting. */
  timeScale?: number;
}

export interface ReviewOutcome {
  pr: PullRequest;
  /** Whose pull request it is: recorded as `userId`, `tenantId` and `plan` on the session and its calls. */
  customer: Customer;
  /** The LangChain run id of the graph run; the session's metadata carries it as `runId`. */
  runId: string;
  approved?: boolean;
  patch?: string;
  error?: string;
}

const ReviewState = Annotation.Root({
  pr: Annotation<PullRequest>,
  analysis: Annotation<string>,
  review: Annotation<string>,
  approved: Annotation<boolean>,
  patch: Annotation<string | undefined>,
});
type ReviewStateValue = typeof ReviewState.State;

/**
 * The Code Review Crew: a LangGraph `StateGraph` of three agents — Analyzer (gpt-4o-mini)
 * → Reviewer (gpt-4o) → Fixer (gpt-4o, only when changes are requested). Every pull request
 * is one graph run, recorded by `ObservatoryGraphHandler` as a `code_review` session whose
 * calls carry the node name as agent, and the customer whose pull request it is. The
 * Reviewer and the Fixer stream their answers to the pull request page (time to first
 * token); the Fixer's client streams without usage (`streamUsage: false`), so Observatory
 * estimates its tokens. An oversized diff fails the analyzer's call and ends its session as
 * a failure.
 */
export async function runCodeReviewCrew(
  observatory: Observatory,
  options: CodeReviewCrewOptions = {},
): Promise<ReviewOutcome[]> {
  const obs = backdate(observatory, options.startedAt);
  const nextCustomer = createCustomerPicker(options.seed ?? 1);
  const prs = options.pullRequests
    ? options.pullRequests.map((n) => findPullRequest(n))
    : createSeededRandom(options.seed ?? 1).sample(PULL_REQUESTS, options.count ?? 3);
  const simulator = new SimulatedProvider({
    vendor: 'openai',
    responder: codeReviewResponder,
    seed: options.seed,
    timeScale: options.timeScale,
  });
  const graph = buildGraph({
    analyzer: await chooseChatModel({ model: 'gpt-4o-mini', simulator, offline: options.offline }),
    reviewer: await chooseChatModel({ model: 'gpt-4o', simulator, offline: options.offline }),
    fixer: await chooseChatModel({ model: 'gpt-4o', simulator, offline: options.offline, streamUsage: false }),
  });
  const handler = new ObservatoryGraphHandler(obs, {
    operationName: 'review_pull_request',
    metadata: { crew: 'code_review' },
  });

  const outcomes: ReviewOutcome[] = [];
  for (const pr of prs) {
    const outcome: ReviewOutcome = { pr, customer: nextCustomer(), runId: randomUUID() };
    outcomes.push(outcome);
    try {
      const result = await graph.invoke(
        { pr },
        {
          callbacks: [handler],
          runId: outcome.runId,
          runName: 'code_review',
          // Run metadata goes on the session and on every call in it.
          metadata: { pr: pr.number, ...customerMetadata(outcome.customer) },
          configurable: { thread_id: `pr-${pr.number}` },
        },
      );
      outcome.approved = result.approved;
      outcome.patch = result.patch;
    } catch (error) {
      // The handler has ended the graph run's session as failed, with this error.
      outcome.error = error instanceof Error ? error.message : String(error);
    }
  }
  return outcomes;
}

interface CrewModels {
  analyzer: BaseChatModel;
  reviewer: BaseChatModel;
  fixer: BaseChatModel;
}

function buildGraph(models: CrewModels) {
  // Each node passes its config on to the model, so the model run is a child of the node
  // run and carries `langgraph_node`, which the handler records as the agent.
  const messages = (system: string, user: string) => [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
  const ask = async (model: BaseChatModel, system: string, user: string, config: RunnableConfig) =>
    (await model.invoke(messages(system, user), config)).text;
  // Streamed as the pull request page shows it: the handler sees each token as it comes.
  const stream = async (model: BaseChatModel, system: string, user: string, config: RunnableConfig) => {
    let text = '';
    for await (const chunk of await model.stream(messages(system, user), config)) text += chunk.text;
    return text;
  };

  return new StateGraph(ReviewState)
    .addNode('Analyzer', async (state: ReviewStateValue, config: RunnableConfig) => ({
      analysis: await ask(
        models.analyzer,
        ANALYZER_SYSTEM,
        `Pull request #${state.pr.number}: ${state.pr.title}\n\n${state.pr.diff}`,
        config,
      ),
    }))
    .addNode('Reviewer', async (state: ReviewStateValue, config: RunnableConfig) => {
      const review = await stream(
        models.reviewer,
        REVIEWER_SYSTEM,
        `Pull request #${state.pr.number}: ${state.pr.title}\n\nAnalysis:\n${state.analysis}\n\nDiff:\n${state.pr.diff}`,
        config,
      );
      return { review, approved: /VERDICT:\s*approve/i.test(review) };
    })
    .addNode('Fixer', async (state: ReviewStateValue, config: RunnableConfig) => {
      const answer = await stream(
        models.fixer,
        FIXER_SYSTEM,
        `Pull request #${state.pr.number}: ${state.pr.title}\n\nReview:\n${state.review}\n\nDiff:\n${state.pr.diff}`,
        config,
      );
      return { patch: /```diff\n([\s\S]*?)```/.exec(answer)?.[1] ?? answer };
    })
    .addEdge(START, 'Analyzer')
    .addEdge('Analyzer', 'Reviewer')
    .addConditionalEdges('Reviewer', (state: ReviewStateValue) => (state.approved ? END : 'Fixer'), ['Fixer', END])
    .addEdge('Fixer', END)
    .compile({ name: 'code_review' });
}

function findPullRequest(number: number): PullRequest {
  const pr = PULL_REQUESTS.find((candidate) => candidate.number === number);
  if (!pr) throw new Error(`no pull request #${number} in the catalogue`);
  return pr;
}
