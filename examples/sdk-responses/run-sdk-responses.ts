import type Anthropic from '@anthropic-ai/sdk';
import { recordAnthropicError, recordAnthropicMessage } from '@observatory/anthropic';
import type { Observatory } from '@observatory/core';
import { recordOpenAIError, recordOpenAIResponse } from '@observatory/openai';
import type OpenAI from 'openai';
import { backdate } from '../shared/backdate.js';
import { chooseAnthropicClient, chooseOpenAIClient } from '../shared/choose-model.js';
import { createSeededRandom } from '../shared/seeded-random.js';
import { SimulatedProvider } from '../shared/simulated-provider.js';
import {
  ANNOUNCEMENT_INSTRUCTIONS,
  CHANGELOG_SYSTEM,
  createReleaseResponder,
  RELEASE_NOTES_SYSTEM,
  RELEASES,
  REVIEW_SYSTEM,
  type Release,
  TRANSLATE_SYSTEM,
} from './release-desk.js';

export interface SdkResponsesOptions {
  /** Picks the releases; the same seed gives the same run. Default 1. */
  seed?: number;
  /** Releases to write up (at most 4). Default 3. */
  releases?: number;
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: simulated providers even when OPENAI_API_KEY / ANTHROPIC_API_KEY are set. */
  offline?: boolean;
}

export interface ReleaseOutcome {
  version: string;
  sessionId: string;
  notes?: string;
  error?: string;
}

interface Clients {
  obs: Observatory;
  openai: OpenAI;
  anthropic: Anthropic;
}

/**
 * A release desk on the official SDKs, recording each response with the adapters:
 * OpenAI Chat Completions (JSON and a stream with usage), the Responses API, Anthropic
 * Messages (JSON with a cached system prompt, and a stream's `finalMessage()`), and the
 * errors of both. Each release is a session; offline, the last release's notes meet a rate
 * limit at OpenAI and an overloaded Anthropic fallback, so its session fails.
 */
export async function runSdkResponses(
  observatory: Observatory,
  options: SdkResponsesOptions = {},
): Promise<ReleaseOutcome[]> {
  const obs = backdate(observatory, options.startedAt);
  const releases = createSeededRandom(options.seed ?? 1).sample(RELEASES, options.releases ?? 3);
  const responder = createReleaseResponder(new Set([releases[releases.length - 1].version]));
  const clients: Clients = {
    obs,
    openai: await chooseOpenAIClient(
      new SimulatedProvider({ vendor: 'openai', responder, seed: options.seed }),
      options.offline,
    ),
    anthropic: await chooseAnthropicClient(
      new SimulatedProvider({ vendor: 'anthropic', responder, seed: options.seed }),
      options.offline,
    ),
  };

  const outcomes: ReleaseOutcome[] = [];
  for (const release of releases) {
    const outcome: ReleaseOutcome = { version: release.version, sessionId: '' };
    outcomes.push(outcome);
    try {
      await obs.withSession(
        'release_writeup',
        async (session) => {
          outcome.sessionId = session.id;
          const changelog = await writeChangelog(clients, session.id, release);
          const notes = await writeReleaseNotes(clients, session.id, release, changelog);
          outcome.notes = notes;
          await announce(clients, session.id, release, notes);
          await review(clients, session.id, changelog, notes);
          await translate(clients, session.id, notes);
        },
        { version: release.version },
      );
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
    }
  }
  return outcomes;
}

/** OpenAI Chat Completions, JSON: record the `ChatCompletion`. */
async function writeChangelog({ obs, openai }: Clients, sessionId: string, release: Release): Promise<string> {
  const request = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system' as const, content: CHANGELOG_SYSTEM },
      { role: 'user' as const, content: `Release ${release.version}\n${release.commits.join('\n')}` },
    ],
  };
  const startTime = performance.now();
  const completion = await openai.chat.completions.create(request);
  recordOpenAIResponse(obs, completion, { request, startTime, sessionId, agentName: 'ChangelogWriter' });
  return completion.choices[0]?.message.content ?? '';
}

/**
 * OpenAI Chat Completions, streamed with `include_usage`: record the last chunk (the one
 * with usage) with the text and finish reason gathered from the stream. On failure, record
 * the error and fall back to Anthropic.
 */
async function writeReleaseNotes(clients: Clients, sessionId: string, release: Release, changelog: string) {
  const { obs, openai } = clients;
  const prompt = `Release ${release.version}\nCommits:\n${release.commits.join('\n')}\n\nChangelog:\n${changelog}`;
  const request = {
    model: 'gpt-4o',
    messages: [
      { role: 'system' as const, content: RELEASE_NOTES_SYSTEM },
      { role: 'user' as const, content: prompt },
    ],
    stream: true as const,
    stream_options: { include_usage: true },
  };
  const labels = { sessionId, agentName: 'ReleaseNotesWriter' };
  const startTime = performance.now();
  try {
    const stream = await openai.chat.completions.create(request);
    let text = '';
    let ttftMs: number | undefined;
    let finishReason: string | undefined;
    let last: OpenAI.ChatCompletionChunk | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        ttftMs ??= performance.now() - startTime;
        text += delta;
      }
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      last = chunk;
    }
    recordOpenAIResponse(obs, last, { ...labels, request, startTime, ttftMs, responseText: text, finishReason });
    return text;
  } catch (error) {
    recordOpenAIError(obs, error, { ...labels, request, startTime });
    return writeReleaseNotesWithClaude(clients, sessionId, prompt);
  }
}

/** Anthropic, streamed: record `finalMessage()`, with the time to the first text event. */
async function writeReleaseNotesWithClaude({ obs, anthropic }: Clients, sessionId: string, prompt: string) {
  const request = {
    model: 'claude-haiku-4-5',
    max_tokens: 1024,
    system: RELEASE_NOTES_SYSTEM,
    messages: [{ role: 'user' as const, content: prompt }],
  };
  const labels = { sessionId, agentName: 'ReleaseNotesWriter', operationName: 'fallback' };
  const startTime = performance.now();
  let ttftMs: number | undefined;
  try {
    const stream = anthropic.messages.stream(request).on('text', () => {
      ttftMs ??= performance.now() - startTime;
    });
    const message = await stream.finalMessage();
    recordAnthropicMessage(obs, message, { ...labels, request, startTime, ttftMs });
    return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  } catch (error) {
    recordAnthropicError(obs, error, { ...labels, request, startTime });
    throw error;
  }
}

/** OpenAI Responses API: record the `Response`. */
async function announce({ obs, openai }: Clients, sessionId: string, release: Release, notes: string) {
  const request = {
    model: 'gpt-4o-mini',
    instructions: ANNOUNCEMENT_INSTRUCTIONS,
    input: `Release ${release.version}\n${release.commits.join('\n')}\n\n${notes}`,
  };
  const startTime = performance.now();
  const response = await openai.responses.create(request);
  recordOpenAIResponse(obs, response, { request, startTime, sessionId, agentName: 'Announcer' });
}

/** Anthropic Messages, JSON, with the system prompt marked for caching: record the `Message`. */
async function review({ obs, anthropic }: Clients, sessionId: string, changelog: string, notes: string) {
  const request = {
    model: 'claude-sonnet-4-6',
    max_tokens: 512,
    system: [{ type: 'text' as const, text: REVIEW_SYSTEM, cache_control: { type: 'ephemeral' as const } }],
    messages: [{ role: 'user' as const, content: `Changelog:\n${changelog}\n\nRelease notes:\n${notes}` }],
  };
  const startTime = performance.now();
  const message = await anthropic.messages.create(request);
  recordAnthropicMessage(obs, message, { request, startTime, sessionId, agentName: 'Reviewer' });
}

/** Anthropic streamed without the helper's events: `finalMessage()` carries the usage. */
async function translate({ obs, anthropic }: Clients, sessionId: string, notes: string) {
  const request = {
    model: 'claude-haiku-4-5',
    max_tokens: 1024,
    system: TRANSLATE_SYSTEM,
    messages: [{ role: 'user' as const, content: notes }],
  };
  const startTime = performance.now();
  const message = await anthropic.messages.stream(request).finalMessage();
  recordAnthropicMessage(obs, message, { request, startTime, sessionId, agentName: 'Translator' });
}
