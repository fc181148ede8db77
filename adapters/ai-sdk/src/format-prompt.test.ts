import { describe, expect, it } from 'vitest';
import { formatPrompt } from './format-prompt.js';

describe('formatPrompt', () => {
  it('keeps a bare prompt string as it is', () => {
    expect(formatPrompt('What changed in 4.2?')).toBe('What changed in 4.2?');
  });

  it('labels the roles once system instructions are present', () => {
    expect(formatPrompt('What changed?', 'Answer briefly.')).toBe('system: Answer briefly.\nuser: What changed?');
    expect(formatPrompt('What changed?', [{ role: 'system', content: 'Be brief.' }])).toBe(
      'system: Be brief.\nuser: What changed?',
    );
  });

  it('renders messages one line each, non-text parts by their type', () => {
    expect(
      formatPrompt([
        { role: 'user', content: [{ type: 'text', text: 'What is in' }, { type: 'image' }] },
        { role: 'assistant', content: [{ type: 'tool-call' }] },
        { role: 'tool', content: [{ type: 'tool-result' }] },
      ]),
    ).toBe('user: What is in [image]\nassistant: [tool-call]\ntool: [tool-result]');
  });

  it('gives nothing for nothing', () => {
    expect(formatPrompt(undefined)).toBeUndefined();
    expect(formatPrompt([])).toBeUndefined();
  });
});
