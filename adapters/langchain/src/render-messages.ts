import { type BaseMessage, getBufferString } from '@langchain/core/messages';

/**
 * A chat prompt as text, the way LangChain renders it for tracing (`System: …\nHuman: …`).
 * `getBufferString` throws on message types it does not know; such a prompt is rendered
 * as `type: content` instead, so the call is still recorded.
 */
export function renderMessages(messages: readonly BaseMessage[]): string {
  try {
    return getBufferString(messages as BaseMessage[]);
  } catch {
    return messages.map((message) => `${message?.type ?? 'message'}: ${contentText(message?.content)}`).join('\n');
  }
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  try {
    return JSON.stringify(content) ?? '';
  } catch {
    return String(content);
  }
}
