import type { AnthropicContentBlock, AnthropicRequest } from './anthropic-types.js';

/**
 * Render a request's `system` and `messages` as the text stored in `prompt`: one
 * `role: text` line each. Non-text blocks become placeholders (`[image]`, `[document]`,
 * `[tool_use name(input)]`, `[tool_result …]`) so the stored prompt shows their place
 * without their bytes; thinking blocks sent back in a conversation are left out.
 * Undefined when the request has neither.
 */
export function serializeAnthropicPrompt(request: AnthropicRequest): string | undefined {
  const lines: string[] = [];
  const system = renderContent(request.system);
  if (system) lines.push(`system: ${system}`);
  if (Array.isArray(request.messages)) {
    for (const message of request.messages) {
      lines.push(`${message?.role ?? 'unknown'}: ${renderContent(message?.content)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function renderContent(content: unknown): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return stringify(content);
  return content
    .map(renderBlock)
    .filter((text) => text !== '')
    .join(' ');
}

function renderBlock(block: AnthropicContentBlock | string): string {
  if (typeof block === 'string') return block;
  if (!block || typeof block !== 'object') return String(block);
  switch (block.type) {
    case 'text':
      return block.text ?? '';
    case 'thinking':
    case 'redacted_thinking':
      return '';
    case 'tool_use':
    case 'server_tool_use':
      return `[tool_use ${block.name ?? ''}(${stringify(block.input)})]`;
    case 'tool_result':
      return `[tool_result ${renderContent(block.content)}]`;
    default:
      return typeof block.text === 'string' ? block.text : `[${block.type ?? 'block'}]`;
  }
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
