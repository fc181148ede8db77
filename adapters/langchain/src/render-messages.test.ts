import { AIMessage, type BaseMessage, HumanMessage, RemoveMessage, SystemMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { renderMessages } from './render-messages.js';

describe('renderMessages', () => {
  it('renders a chat prompt as LangChain does', () => {
    const messages = [new SystemMessage('Be terse.'), new HumanMessage('2+2?'), new AIMessage('4')];
    expect(renderMessages(messages)).toBe('System: Be terse.\nHuman: 2+2?\nAI: 4');
  });

  it('still renders message types getBufferString rejects', () => {
    const messages: BaseMessage[] = [new HumanMessage('hi'), new RemoveMessage({ id: 'm-1' })];
    expect(renderMessages(messages)).toBe('human: hi\nremove: []');
  });
});
