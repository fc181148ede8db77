import { describe, expect, it } from 'vitest';
import { diffWords } from './diff-words.js';

describe('diffWords', () => {
  it('marks removed and added words and keeps the rest', () => {
    expect(diffWords('Answer in three sentences.', 'Answer in two short sentences.')).toEqual([
      { kind: 'same', text: 'Answer in ' },
      { kind: 'removed', text: 'three ' },
      { kind: 'added', text: 'two short ' },
      { kind: 'same', text: 'sentences.' },
    ]);
  });

  it('handles empty sides and identical texts', () => {
    expect(diffWords('', 'new text')).toEqual([{ kind: 'added', text: 'new text' }]);
    expect(diffWords('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });

  it('rebuilds both texts from its parts', () => {
    const before = 'You are a support agent. Acknowledge the frustration first.\nThen answer.';
    const after = 'You are a friendly support agent. Answer step by step.\nThen stop.';
    const parts = diffWords(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });
});
