import { observatoryOnFinish } from '@observatory/ai-sdk';
import type { Observatory } from '@observatory/core';
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { backdate } from '../../shared/backdate.js';
import { chooseLanguageModel } from '../../shared/choose-model.js';
import { type Customer, createCustomerPicker, customerMetadata } from '../../shared/customers.js';
import { createSeededRandom } from '../../shared/seeded-random.js';
import { SimulatedProvider } from '../../shared/simulated-provider.js';
import { createSampleDatabase, SAMPLE_SCHEMA, type SampleDatabase } from './create-sample-database.js';
import { SQL_QUESTIONS, type SqlQuestion, sqlAgentResponder } from './sql-questions.js';

export interface SqlAgentOptions {
  /** Picks the questions; the same seed gives the same run. Default 1. */
  seed?: number;
  /** How many questions to ask, sampled by the seed. Default 3. */
  count?: number;
  /** Ask exactly these questions (by id, see `SQL_QUESTIONS`) instead. */
  questions?: string[];
  /** Query this database; default: a fresh in-memory sample database, closed afterwards. */
  database?: SampleDatabase;
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: a simulated model even when OPENAI_API_KEY is set. */
  offline?: boolean;
  /** Simulated time per real time of the offline models (see SimulatedProvider); 0 runs without waiting. */
  timeScale?: number;
}

export interface SqlAnswer {
  question: SqlQuestion;
  /** Who asked: recorded as `userId`, `tenantId` and `plan` on the session and its call. */
  customer: Customer;
  sessionId: string;
  /** The SQL the model ran, in order, failed queries included. */
  queries: string[];
  answer?: string;
  /** Model calls (steps) of the tool loop. */
  steps?: number;
  error?: string;
}

const SQL_SYSTEM = `You are a data analyst with read-only access to the shop's SQLite database.
Answer the question by calling runQuery with one SELECT at a time, then answer in one or two sentences
with the numbers from the results. If a query fails, read the error and fix the query. If the database
cannot answer the question, say so plainly instead of guessing. Amounts are in US dollars.
Schema:
${SAMPLE_SCHEMA}`;

/**
 * The SQL Agent: an AI SDK tool loop (`generateText` with a `runQuery` tool and
 * `stopWhen`) over a real SQLite sample database. Each question is an `sql_agent`
 * session; the loop is recorded by `observatoryOnFinish` as one call whose tokens are
 * summed over its steps (`metadata.steps`), with the customer who asked. A question the
 * database cannot answer (no query succeeds) ends its session as a failure.
 */
export async function runSqlAgent(observatory: Observatory, options: SqlAgentOptions = {}): Promise<SqlAnswer[]> {
  const obs = backdate(observatory, options.startedAt);
  const nextCustomer = createCustomerPicker(options.seed ?? 1);
  const questions = options.questions
    ? options.questions.map((id) => findQuestion(id))
    : createSeededRandom(options.seed ?? 1).sample(SQL_QUESTIONS, options.count ?? 3);
  const database = options.database ?? (await createSampleDatabase());
  const simulator = new SimulatedProvider({
    vendor: 'openai',
    responder: sqlAgentResponder,
    seed: options.seed,
    timeScale: options.timeScale,
  });
  const model = await chooseLanguageModel({ model: 'gpt-4o-mini', simulator, offline: options.offline });

  const answers: SqlAnswer[] = [];
  try {
    for (const question of questions) {
      const answer: SqlAnswer = { question, customer: nextCustomer(), sessionId: '', queries: [] };
      const customer = customerMetadata(answer.customer);
      answers.push(answer);
      let succeeded = 0;
      const runQuery = tool({
        description: 'Run one read-only SQL query (SQLite dialect) on the shop database; returns at most 50 rows.',
        inputSchema: z.object({ sql: z.string().describe('a single SELECT statement') }),
        execute: async ({ sql }) => {
          answer.queries.push(sql);
          if (!/^\s*(select|with)\b/i.test(sql)) throw new Error('only SELECT statements are allowed');
          const rows = await database.all(sql);
          succeeded++;
          return { rowCount: rows.length, rows: rows.slice(0, 50) };
        },
      });
      try {
        await obs.withSession(
          'sql_agent',
          async (session) => {
            answer.sessionId = session.id;
            const result = await generateText({
              model,
              system: SQL_SYSTEM,
              prompt: question.question,
              tools: { runQuery },
              stopWhen: stepCountIs(6),
              onFinish: observatoryOnFinish(obs, {
                sessionId: session.id,
                agentName: 'SQLAgent',
                operationName: 'answer_question',
                prompt: question.question,
                metadata: { questionId: question.id, ...customer },
              }),
            });
            answer.answer = result.text;
            answer.steps = result.steps.length;
            if (succeeded === 0) throw new Error(`no query succeeded; the agent answered: ${result.text}`);
          },
          { questionId: question.id, question: question.question, ...customer },
        );
      } catch (error) {
        answer.error = error instanceof Error ? error.message : String(error);
      }
    }
  } finally {
    if (!options.database) await database.close();
  }
  return answers;
}

function findQuestion(id: string): SqlQuestion {
  const question = SQL_QUESTIONS.find((candidate) => candidate.id === id);
  if (!question) throw new Error(`no SQL question '${id}'`);
  return question;
}
