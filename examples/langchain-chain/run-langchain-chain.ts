import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { Observatory } from '@observatory/core';
import { ObservatoryCallbackHandler } from '@observatory/langchain';
import { backdate } from '../shared/backdate.js';
import { chooseChatModel } from '../shared/choose-model.js';
import { createSeededRandom } from '../shared/seeded-random.js';
import { SimulatedProvider } from '../shared/simulated-provider.js';
import {
  createSupportResponder,
  SUPPORT_SYSTEM_PROMPT,
  TICKETS,
  type Ticket,
  TRIAGE_SYSTEM_PROMPT,
} from './support-desk.js';

export interface LangChainChainOptions {
  /** Picks the tickets; the same seed gives the same run. Default 1. */
  seed?: number;
  /** Tickets to answer (at most 8). Default 4. */
  tickets?: number;
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: simulated models even when OPENAI_API_KEY is set. */
  offline?: boolean;
}

export interface TicketOutcome {
  ticket: Ticket;
  sessionId: string;
  category?: string;
  urgency?: string;
  reply?: string;
  error?: string;
}

/**
 * A support desk built from two LangChain chains (`prompt | model | parser`): a triage chain
 * on gpt-4o-mini classifies each ticket, an answer chain on gpt-4o drafts the reply (the
 * second ticket's reply is streamed). Each ticket is an Observatory session; both chains
 * report through an `ObservatoryCallbackHandler` per agent. Offline, the last ticket's reply
 * hits a simulated rate limit, so its session ends as a failure.
 */
export async function runLangChainChain(
  observatory: Observatory,
  options: LangChainChainOptions = {},
): Promise<TicketOutcome[]> {
  const obs = backdate(observatory, options.startedAt);
  const tickets = createSeededRandom(options.seed ?? 1).sample(TICKETS, options.tickets ?? 4);
  const simulator = new SimulatedProvider({
    vendor: 'openai',
    seed: options.seed,
    responder: createSupportResponder(new Set([tickets[tickets.length - 1].question])),
  });
  const triageModel = await chooseChatModel({ model: 'gpt-4o-mini', simulator, offline: options.offline });
  const answerModel = await chooseChatModel({ model: 'gpt-4o', simulator, offline: options.offline });

  const triage = ChatPromptTemplate.fromMessages([
    ['system', TRIAGE_SYSTEM_PROMPT],
    ['human', 'Ticket ({plan} plan): {question}'],
  ])
    .pipe(triageModel)
    .pipe(new StringOutputParser());
  const answer = ChatPromptTemplate.fromMessages([
    ['system', SUPPORT_SYSTEM_PROMPT],
    ['human', 'Category: {category}, urgency: {urgency}.\nCustomer ({plan} plan) writes: {question}'],
  ])
    .pipe(answerModel)
    .pipe(new StringOutputParser());

  // One handler per agent; LangChain passes it down to the model run inside each chain.
  const triageHandler = new ObservatoryCallbackHandler(obs, { agentName: 'Triage', operationName: 'triage_ticket' });
  const answerHandler = new ObservatoryCallbackHandler(obs, { agentName: 'Responder', operationName: 'draft_reply' });

  const outcomes: TicketOutcome[] = [];
  for (const [index, ticket] of tickets.entries()) {
    const outcome: TicketOutcome = { ticket, sessionId: '' };
    outcomes.push(outcome);
    try {
      await obs.withSession(
        'support_ticket',
        async (session) => {
          outcome.sessionId = session.id;
          const labels = await triage.invoke(ticket, { callbacks: [triageHandler] });
          outcome.category = /category:\s*(\w+)/i.exec(labels)?.[1] ?? 'product';
          outcome.urgency = /urgency:\s*(\w+)/i.exec(labels)?.[1] ?? 'normal';
          const input = { ...ticket, category: outcome.category, urgency: outcome.urgency };
          if (index === 1) {
            // Streamed: the handler also records the time to the first token.
            let reply = '';
            for await (const piece of await answer.stream(input, { callbacks: [answerHandler] })) reply += piece;
            outcome.reply = reply;
          } else {
            outcome.reply = await answer.invoke(input, { callbacks: [answerHandler] });
          }
        },
        { ticketId: ticket.id, plan: ticket.plan },
      );
    } catch (error) {
      // withSession has already ended the session as failed, with this error.
      outcome.error = error instanceof Error ? error.message : String(error);
    }
  }
  return outcomes;
}
