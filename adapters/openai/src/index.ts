/**
 * Record OpenAI SDK results with Observatory. The adapter translates what the SDK returned
 * into one `recordCall`; it never wraps the client and never throws into your code.
 *
 * @example
 * import OpenAI from 'openai'
 * import { Observatory } from '@observatory/core'
 * import { recordOpenAIResponse } from '@observatory/openai'
 *
 * const obs = new Observatory({ projectName: 'my-app' })
 * const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] }
 * const startTime = Date.now()
 * const completion = await new OpenAI().chat.completions.create(request)
 * recordOpenAIResponse(obs, completion, { request, startTime, agentName: 'Greeter' })
 *
 * @packageDocumentation
 */

export type { AdapterCallOptions as CallOptions } from '@observatory/core';
export type { OpenAIUsageFields } from './convert-openai-usage.js';
/** Translate OpenAI usage (chat, embeddings or Responses API) to recorded token fields. */
export { convertOpenAIUsage } from './convert-openai-usage.js';
export type { OpenAIRequest } from './openai-types.js';
/** Record a failed OpenAI request (an `APIError` or any thrown value). */
export { recordOpenAIError } from './record-openai-error.js';
export type { RecordOpenAIOptions } from './record-openai-response.js';
/** Record a ChatCompletion, final stream chunk, Response, `response.completed` event or embeddings response. */
export { recordOpenAIResponse } from './record-openai-response.js';
