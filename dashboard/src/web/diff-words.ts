/** A run of text that is the same in both versions, only in the old one, or only in the new one. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Longest texts compared word by word; past this the diff shows whole-text replacement. */
const MAX_TOKENS = 4000;

/**
 * Word-level diff (longest common subsequence over words and the whitespace between
 * them), merged into runs. Rendered as text, never as HTML.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
    return merge([
      ...(before ? [{ kind: 'removed' as const, text: before }] : []),
      ...(after ? [{ kind: 'added' as const, text: after }] : []),
    ]);
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in a flat array.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i++] });
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      parts.push({ kind: 'removed', text: a[i++] });
    } else {
      parts.push({ kind: 'added', text: b[j++] });
    }
  }
  while (i < a.length) parts.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) parts.push({ kind: 'added', text: b[j++] });
  return groupChanges(parts);
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

function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
