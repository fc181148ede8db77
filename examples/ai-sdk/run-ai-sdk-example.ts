import { observatoryOnFinish } from '@observatory/ai-sdk';
import type { Observatory } from '@observatory/core';
import { generateText, Output, streamText } from 'ai';
import { z } from 'zod';
import { backdate } from '../shared/backdate.js';
import { chooseLanguageModel } from '../shared/choose-model.js';
import { createSeededRandom } from '../shared/seeded-random.js';
import { SimulatedProvider } from '../shared/simulated-provider.js';
import {
  createNewsletterResponder,
  EDITOR_SYSTEM_PROMPT,
  RESEARCH_SYSTEM_PROMPT,
  TOPICS,
  WRITER_SYSTEM_PROMPT,
} from './newsletter-desk.js';

export interface AiSdkExampleOptions {
  /** Picks the topics; the same seed gives the same run. Default 1. */
  seed?: number;
  /** Newsletter issues to write (at most 6). Default 3. */
  issues?: number;
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: simulated models even when OPENAI_API_KEY is set. */
  offline?: boolean;
}

export interface IssueOutcome {
  topic: string;
  sessionId: string;
  headline?: string;
  story?: string;
  error?: string;
}

const issueMetadata = z.object({
  headline: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
});

/**
 * A newsletter desk on the Vercel AI SDK (v6): a researcher (`generateText`, gpt-4o-mini),
 * a writer (`streamText`, gpt-4o) and an editor (`generateText` with a structured output),
 * each recording its call through `onFinish: observatoryOnFinish(obs, …)`. Each issue is a
 * session. Offline, the last issue's story overflows the context window: the writer's
 * `onError` records the failed call and the session ends as a failure.
 */
export async function runAiSdkExample(
  observatory: Observatory,
  options: AiSdkExampleOptions = {},
): Promise<IssueOutcome[]> {
  const obs = backdate(observatory, options.startedAt);
  const topics = createSeededRandom(options.seed ?? 1).sample(TOPICS, options.issues ?? 3);
  const simulator = new SimulatedProvider({
    vendor: 'openai',
    seed: options.seed,
    responder: createNewsletterResponder(new Set([topics[topics.length - 1]])),
  });
  const fast = await chooseLanguageModel({ model: 'gpt-4o-mini', simulator, offline: options.offline });
  const strong = await chooseLanguageModel({ model: 'gpt-4o', simulator, offline: options.offline });

  const outcomes: IssueOutcome[] = [];
  for (const topic of topics) {
    const session = obs.startSession('newsletter_issue', { topic });
    const outcome: IssueOutcome = { topic, sessionId: session.id };
    outcomes.push(outcome);
    const labels = { sessionId: session.id, metadata: { topic } };
    try {
      const researchPrompt = `Topic: ${topic}`;
      const research = await generateText({
        model: fast,
        system: RESEARCH_SYSTEM_PROMPT,
        prompt: researchPrompt,
        onFinish: observatoryOnFinish(obs, {
          ...labels,
          agentName: 'Researcher',
          operationName: 'collect_facts',
          prompt: researchPrompt,
        }),
      });

      // Spread, so the writer's stream also reports its first chunk (time to first token)
      // and a failure (onError), not only its finish.
      const writerPrompt = `Research notes:\n${research.text}\n\nWrite the lead story about ${topic}.`;
      let failure: unknown;
      const draft = streamText({
        model: strong,
        system: WRITER_SYSTEM_PROMPT,
        prompt: writerPrompt,
        ...observatoryOnFinish(obs, {
          ...labels,
          agentName: 'Writer',
          operationName: 'write_story',
          prompt: writerPrompt,
          model: strong,
        }),
      });
      let story = '';
      for await (const part of draft.fullStream) {
        if (part.type === 'text-delta') story += part.text;
        if (part.type === 'error') failure = part.error;
      }
      if (failure !== undefined) throw failure;
      outcome.story = story;

      const edit = await generateText({
        model: fast,
        system: EDITOR_SYSTEM_PROMPT,
        prompt: story,
        output: Output.object({ schema: issueMetadata }),
        onFinish: observatoryOnFinish(obs, {
          ...labels,
          agentName: 'Editor',
          operationName: 'edit_issue',
          prompt: story,
        }),
      });
      outcome.headline = edit.output.headline;
      await obs.endSession(session, { success: true });
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
      await obs.endSession(session, { success: false, error });
    }
  }
  return outcomes;
}
