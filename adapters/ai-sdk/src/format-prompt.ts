import type { AiSdkMessage } from './types.js';

/** What the SDK takes as a prompt or as system instructions. */
export type PromptLike = string | AiSdkMessage | ReadonlyArray<AiSdkMessage> | null | undefined;

/**
 * Render a prompt as stored text. A bare prompt string is stored as is; with system
 * instructions, or as messages, it becomes one `role: text` line per message, non-text
 * parts shown as `[type]` so a reader sees an image or a tool result was there.
 */
export function formatPrompt(prompt: PromptLike, system?: PromptLike): string | undefined {
  const lines: string[] = [];
  if (system != null) addLines(lines, system, 'system');
  if (prompt != null) {
    if (typeof prompt === 'string' && lines.length === 0) lines.push(prompt);
    else addLines(lines, prompt, 'user');
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function addLines(lines: string[], part: string | AiSdkMessage | ReadonlyArray<AiSdkMessage>, role: string): void {
  if (typeof part === 'string') lines.push(`${role}: ${part}`);
  else if (isMessageList(part)) for (const message of part) lines.push(formatMessage(message));
  else lines.push(formatMessage(part));
}

function isMessageList(value: AiSdkMessage | ReadonlyArray<AiSdkMessage>): value is ReadonlyArray<AiSdkMessage> {
  return Array.isArray(value);
}

function formatMessage(message: AiSdkMessage): string {
  const { content } = message;
  if (typeof content === 'string') return `${message.role}: ${content}`;
  if (!Array.isArray(content)) return `${message.role}:`;
  const text = content.map((part) => (typeof part.text === 'string' ? part.text : `[${part.type}]`)).join(' ');
  return `${message.role}: ${text}`;
}
