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

  it('keeps words of any script whole and shows whitespace-only changes', () => {
    expect(diffWords('Ответь кратко и вежливо.', 'Ответь подробно и вежливо.')).toEqual([
      { kind: 'same', text: 'Ответь ' },
      { kind: 'removed', text: 'кратко' },
      { kind: 'added', text: 'подробно' },
      { kind: 'same', text: ' и вежливо.' },
    ]);
    expect(diffWords('one  space', 'one space')).toEqual([
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: '  ' },
      { kind: 'added', text: ' ' },
      { kind: 'same', text: 'space' },
    ]);
  });

  it('diffs long texts with few changes word by word, and unrelated long texts as a replacement', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i % 97}`);
    const long = words.join(' ');
    const edited = words.map((w, i) => (i === 2500 ? 'CHANGED' : w)).join(' ');
    expect(diffWords(long, edited).filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: `w${2500 % 97}` },
      { kind: 'added', text: 'CHANGED' },
    ]);
    const unrelated = words.map((_, i) => `z${i}`).join(' ');
    expect(diffWords(long, unrelated)).toEqual([
      { kind: 'removed', text: long },
      { kind: 'added', text: unrelated },
    ]);
  });
});
