import { diffArrays } from 'diff';

/** A run of text that is the same in both versions, only in the old one, or only in the new one. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * Most tokens (words and whitespace runs) changed between the two texts before the diff
 * gives up and shows whole-text replacement. Myers' algorithm costs about the square of
 * this in the worst case (two unrelated texts): ~60 ms at 1,000, while similar texts of any
 * length take a millisecond or so, so the panel keeps up with typing.
 */
const MAX_EDIT_LENGTH = 1000;

/**
 * Word-level diff, merged into readable runs. Rendered as text, never as HTML.
 *
 * The texts are split into words and the whitespace between them (any script: a word is
 * whatever lies between whitespace) and compared with jsdiff's `diffArrays`. jsdiff's own
 * `diffWords` is not used because it ignores whitespace changes, so its parts no longer
 * rebuild both texts; `diffWordsWithSpace` splits words outside the Latin script into
 * single letters.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const changes = diffArrays(tokenize(before), tokenize(after), { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) {
    return merge([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  }
  return groupChanges(
    changes.map((change) => ({
      kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
      text: change.value.join(''),
    })),
  );
}

/**
 * Readable runs: a change block (removed and added words, and the bare whitespace kept
 * between them) becomes one removed run followed by one added run.
 */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let k = 0;
  while (k < parts.length) {
    if (parts[k].kind === 'same') {
      out.push(parts[k++]);
      continue;
    }
    let removed = '';
    let added = '';
    while (k < parts.length) {
      const part = parts[k];
      const bridge =
        part.kind === 'same' && /^\s+$/.test(part.text) && k + 1 < parts.length && parts[k + 1].kind !== 'same';
      if (part.kind === 'removed') removed += part.text;
      else if (part.kind === 'added') added += part.text;
      else if (bridge) {
        removed += part.text;
        added += part.text;
      } else break;
      k++;
    }
    if (removed.trim() === '' && added.trim() === '' && removed === added) {
      out.push({ kind: 'same', text: removed });
      continue;
    }
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
  }
  return merge(out);
}

function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Adjacent parts of one kind joined; empty parts dropped. */
function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = merged[merged.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
