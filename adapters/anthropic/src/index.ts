/**
 * Record Anthropic SDK messages with Observatory. The adapter translates what the SDK
 * returned into one `recordCall`; it never wraps the client and never throws into your code.
 *
 * @example
 * import Anthropic from '@anthropic-ai/sdk'
 * import { Observatory } from '@observatory/core'
 * import { recordAnthropicMessage } from '@observatory/anthropic'
 *
 * const obs = new Observatory({ projectName: 'my-app' })
 * const request = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Hi' }] }
 * const startTime = Date.now()
 * const message = await new Anthropic().messages.stream(request).finalMessage()
 * recordAnthropicMessage(obs, message, { request, startTime, agentName: 'Greeter' })
 *
 * @packageDocumentation
 */

export type { AdapterCallOptions as CallOptions } from '@observatory/core';
export type { AnthropicRequest } from './anthropic-types.js';
export type { AnthropicUsageFields } from './convert-anthropic-usage.js';
/** Translate Anthropic usage to recorded token fields (input = uncached + cache reads + cache writes). */
export { convertAnthropicUsage } from './convert-anthropic-usage.js';
/** Record a failed Anthropic request (an `APIError` or any thrown value). */
export { recordAnthropicError } from './record-anthropic-error.js';
export type { RecordAnthropicOptions } from './record-anthropic-message.js';
/** Record a `Message` from `messages.create()` or `stream.finalMessage()`. */
export { recordAnthropicMessage } from './record-anthropic-message.js';
