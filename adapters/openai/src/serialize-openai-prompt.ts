import type { OpenAIRequest, OpenAIRequestMessage, OpenAIToolCall } from './openai-types.js';

/**
 * Render a request's input as the text stored in `prompt`: one `role: text` line per chat
 * message or Responses API input item (Responses `instructions` as `system`), embeddings
 * input as the plain text(s), one per line. Non-text parts become placeholders such as
 * `[image]` so the stored prompt shows their place without their bytes. Undefined when the
 * request has no input.
 */
export function serializeOpenAIPrompt(request: OpenAIRequest, kind: 'chat' | 'embeddings'): string | undefined {
  if (kind === 'embeddings') return textsOf(request.input);
  const lines: string[] = [];
  if (typeof request.instructions === 'string' && request.instructions) lines.push(`system: ${request.instructions}`);
  if (Array.isArray(request.messages)) lines.push(...request.messages.map(renderMessage));
  if (typeof request.input === 'string') lines.push(`user: ${request.input}`);
  else if (Array.isArray(request.input)) lines.push(...(request.input as OpenAIRequestMessage[]).map(renderMessage));
  if (lines.length === 0 && request.prompt != null) return textsOf(request.prompt);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function renderMessage(message: OpenAIRequestMessage): string {
  if (!message || typeof message !== 'object') return String(message);
  if (message.type === 'function_call') {
    return `assistant: [tool_call ${message.name ?? ''}(${message.arguments ?? ''})]`;
  }
  if (message.type === 'function_call_output') return `tool: ${stringify(message.output)}`;
  const parts = [renderContent(message.content), ...(message.tool_calls ?? []).map(renderToolCall)].filter(Boolean);
  return `${message.role ?? message.type ?? 'unknown'}: ${parts.join(' ')}`;
}

function renderContent(content: unknown): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return stringify(content);
  return content.map(renderPart).join(' ');
}

/** Chat parts (`text`, `image_url`, `input_audio`, `file`) and Responses parts (`input_text`, `input_image`, …). */
function renderPart(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!part || typeof part !== 'object') return String(part);
  const { type, text, refusal } = part as { type?: string; text?: unknown; refusal?: unknown };
  if (typeof text === 'string') return text;
  if (typeof refusal === 'string') return refusal;
  if (type === 'image_url' || type === 'input_image') return '[image]';
  if (type === 'input_audio') return '[audio]';
  if (type === 'file' || type === 'input_file') return '[file]';
  return `[${type ?? 'part'}]`;
}

function renderToolCall(call: OpenAIToolCall): string {
  if (call?.function) return `[tool_call ${call.function.name ?? ''}(${call.function.arguments ?? ''})]`;
  if (call?.custom) return `[tool_call ${call.custom.name ?? ''}(${call.custom.input ?? ''})]`;
  return `[tool_call ${call?.type ?? ''}]`;
}

/** A text, texts, or token ids (shown by count, since ids are not readable). */
function textsOf(input: unknown): string | undefined {
  if (input == null) return undefined;
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return stringify(input);
  if (input.length > 0 && typeof input[0] === 'number') return `[${input.length} token ids]`;
  return input.map((item) => (Array.isArray(item) ? `[${item.length} token ids]` : String(item))).join('\n');
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
