/**
 * Prompt templates in a sample of prompts, and the repeated requests inside each template.
 *
 * A template is fixed text with slots; its prompts share the fixed text and differ in the
 * fills. What tells fixed text from a fill is the sample itself: fixed text recurs across
 * prompts, a fill mostly does not.
 *
 * 1. A prompt is a sequence of word-triple shingles (lower case, digit runs read as `#`).
 *    Prompts with the same words in the same order, numbers aside, have one *wording*; the
 *    rest works on distinct wordings, so a prompt sent a thousand times counts once.
 * 2. A wording's *skeleton* is its shingles that at least three distinct wordings hold (and
 *    one in 5,000): the template's text, without the fills. Wordings whose skeletons have
 *    Jaccard similarity ≥ the threshold are linked (MinHash + LSH propose the pairs, each is
 *    verified exactly); linked wordings form a group. One-off prompts have (nearly) empty
 *    skeletons and stay alone.
 * 3. Templates that open with the same long system prompt and differ in the task after it
 *    land in one group, since the shared prompt outweighs the tasks. So each group is split
 *    where it forks. A *passage* is 8+ shingles in a row that part of the group holds (at
 *    least a tenth, fewer than 95%); each member is named by its last passage, up to any
 *    quoted content (text that also occurs outside the group, such as the request a judge's
 *    prompt repeats from another template's prompt: what follows is about that content, not
 *    the template's own). When names that two members or more share cover 80% of the group,
 *    two of them a tenth each, and members with no passage are not the most, those are
 *    different templates' tasks: the group splits by them, then each part again. When nearly
 *    every member has its own passage there, or none, that is a slot (a question, a
 *    document) and the group is one template.
 * 4. Inside each template, prompts of one wording whose numbers differ in one place at most
 *    are one *request*: what a response cache could serve again (see PromptCluster).
 *
 * Short slots (a name, a city, an edited word) are shorter than a passage and do not fork.
 * Everything is hashing and counting, roughly linear in the total length of the prompts.
 */

export interface ClusterOptions {
  /** Jaccard similarity of two wordings' skeletons at or above which they are linked. Default 0.3. */
  threshold?: number;
  /** LSH bands × rows = MinHash functions. 20 × 3 proposes a 0.3-similar pair with p ≈ 0.42, a 0.5-similar one with p ≈ 0.93. */
  bands?: number;
  rows?: number;
}

/** A prompt reduced to what clustering reads. */
export interface PreparedPrompt {
  /** Hashes of the prompt's shingles in order, with `CUT` between head and tail; empty: no words. */
  sequence: Uint32Array;
  /** Identity of the prompt's wording: equal for prompts with the same words in the same order, numbers aside. */
  wording: string;
  /** The prompt's numbers (runs of digits), in order. */
  numbers: string[];
}

export interface PromptCluster {
  /**
   * Input indices grouped by request, the most repeated first; `requests[0][0]` is the
   * representative. Prompts are one request when a response cache would serve one with the
   * other's answer: the same words in the same order, with at most one number different (an
   * id or a count, which a semantic cache overlooks; two or more make another question).
   */
  requests: number[][];
  /** Mean Jaccard similarity of the members' skeletons to the representative's (1: one wording). */
  similarity: number;
}

/** A prompt's shingle set: sorted, distinct 32-bit hashes of its word shingles. */
export type Shingles = Uint32Array;

/** Candidate-comparison cap per LSH bucket, so one huge bucket cannot go quadratic. */
const LEADERS_PER_BUCKET = 12;
/**
 * A shingle is part of a skeleton when at least this many distinct wordings hold it, and
 * this share of them: in a large sample, a common phrase of free text recurs a few times by
 * chance.
 */
const MIN_OCCURRENCES = 3;
const MIN_OCCURRENCE_SHARE = 1 / 5000;
/** Skeletons sharing fewer shingles than this are not linked (a few common phrases are not a template). */
const MIN_SHARED = 6;
/** Shingles in a row that make a passage (a task, a fill) rather than a short slot such as a name. */
const PASSAGE = 8;
/** Groups smaller than this are not split. */
const MIN_SPLIT = 4;
/** A fork needs two branches that each hold at least this share of the group. */
const MIN_BRANCH_SHARE = 0.1;
/** Text held by at least this share of a group is its shared text (a few prompts cut short may lack it). */
const CORE_SHARE = 0.95;
/** A fork's branches (names two members or more share) together hold at least this share of the group. */
const MIN_FORK_COVER = 0.8;
/** A passage occurring outside its group at least 1/QUOTED_SHARE as often as inside is quoted content. */
const QUOTED_SHARE = 10;
/** Words in a shingle: a pair of common words ("of the") recurs by chance across fills, a triple far less. */
const SHINGLE_WORDS = 3;

/** Where a prompt's head ends and its tail begins, when the middle was cut out; no shingle spans it. */
const CUT = 0;

/**
 * Prepare a prompt for clustering: its shingles in order, its wording and numbers. `tail`:
 * the end of a prompt too long to read whole, when `head` is its start (see the Cache
 * Analyzer route for why both). Its first word, likely cut in two, is skipped.
 */
export function preparePrompt(head: string, tail?: string): PreparedPrompt {
  const words: number[] = [];
  const numbers: string[] = [];
  hashWords(head, words, numbers);
  const headWords = words.length;
  // The tail's first word may be cut in two: it starts after the first separator.
  if (tail !== undefined) hashWords(tail.slice(tail.search(/[^\p{L}\p{N}]/u) + 1), words, numbers);
  if (words.length === 0) return { sequence: new Uint32Array(0), wording: '', numbers };
  const parts = [shingleWords(words, 0, headWords)];
  if (tail !== undefined) parts.push(Uint32Array.of(CUT), shingleWords(words, headWords, words.length));
  const sequence = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    sequence.set(part, at);
    at += part.length;
  }
  let a = 0x811c9dc5 ^ headWords;
  let b = 0x050c5d1f;
  for (const w of words) {
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
  }
  return { sequence, wording: `${words.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`, numbers };
}

/**
 * Append the FNV-1a hash of each word of `text` to `out`: lower case, letters and digits,
 * each run of digits read as `#` (so "order 4411" and "order 4412" are the same words), and
 * the runs of digits themselves to `numbers`.
 */
function hashWords(text: string, out: number[], numbers: string[]): void {
  let hash = 0x811c9dc5;
  let length = 0;
  let digits = false;
  let number = '';
  const endNumber = () => {
    if (number) numbers.push(number);
    number = '';
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    let kind: CharKind;
    if (c < 128) {
      if (c >= 97 && c <= 122) kind = LETTER;
      else if (c >= 65 && c <= 90) {
        c += 32;
        kind = LETTER;
      } else kind = c >= 48 && c <= 57 ? DIGIT : OTHER;
    } else {
      const point = text.codePointAt(i) ?? c;
      if (point > 0xffff) i++;
      const known = classify(point);
      kind = known.kind;
      if (kind === LETTER) {
        for (const unit of known.lower) hash = Math.imul(hash ^ unit, 0x01000193);
        length++;
        digits = false;
        endNumber();
        continue;
      }
      if (kind === DIGIT) number += String.fromCodePoint(point);
    }
    if (kind === OTHER) {
      if (length > 0) out.push(hash >>> 0);
      hash = 0x811c9dc5;
      length = 0;
      digits = false;
      endNumber();
      continue;
    }
    if (kind === DIGIT) {
      if (!digits) hash = Math.imul(hash ^ 35, 0x01000193);
      if (c < 128) number += text[i];
      digits = true;
    } else {
      hash = Math.imul(hash ^ c, 0x01000193);
      digits = false;
      endNumber();
    }
    length++;
  }
  if (length > 0) out.push(hash >>> 0);
  endNumber();
}

type CharKind = 0 | 1 | 2;
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const kinds = new Map<number, { kind: CharKind; lower: number[] }>();

/** A non-ASCII character: letter (with its lower-case code units), digit or other; remembered. */
function classify(point: number): { kind: CharKind; lower: number[] } {
  let known = kinds.get(point);
  if (!known) {
    const char = String.fromCodePoint(point);
    const kind = /\p{N}/u.test(char) ? DIGIT : /\p{L}/u.test(char) ? LETTER : OTHER;
    const lower = char.toLowerCase();
    known = { kind, lower: Array.from({ length: lower.length }, (_, i) => lower.charCodeAt(i)) };
    if (kinds.size < 65_536) kinds.set(point, known);
  }
  return known;
}

/** Hashes of the shingles of words[from, to) in order; fewer words than a shingle: one hash of them all. */
function shingleWords(words: readonly number[], from: number, to: number): Uint32Array {
  if (to <= from) return new Uint32Array(0);
  const out = new Uint32Array(Math.max(1, to - from - SHINGLE_WORDS + 1));
  for (let i = 0; i < out.length; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE_WORDS && from + i + j < to; j++) h = Math.imul(h ^ words[from + i + j], 0x9e3779b1) + j;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    out[i] = h >>> 0 || 1;
  }
  return out;
}

/** The sorted distinct shingles of a sequence (without the cut). */
export function toShingles(sequence: Uint32Array): Shingles {
  const sorted = Uint32Array.from(sequence).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== CUT && (n === 0 || sorted[i] !== sorted[n - 1])) sorted[n++] = sorted[i];
  }
  return sorted.slice(0, n);
}

/** Exact Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Shingles, b: Shingles): number {
  if (a.length === 0 && b.length === 0) return 1;
  const shared = intersectionSize(a, b);
  return shared / (a.length + b.length - shared);
}

function intersectionSize(a: Shingles, b: Shingles): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/** MinHash signature: for each of `k` hash functions, the smallest hash over the set. */
export function minHashSignature(shingles: Shingles, k: number): Uint32Array {
  const signature = new Uint32Array(k).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s];
    for (let i = 0; i < k; i++) {
      // A cheap per-function mix of the shingle hash (xorshift-multiply with a per-function seed).
      let h = Math.imul(x ^ SEEDS[i], 0x9e3779b1);
      h ^= h >>> 15;
      h = Math.imul(h, 0x85ebca77);
      h ^= h >>> 13;
      const value = h >>> 0;
      if (value < signature[i]) signature[i] = value;
    }
  }
  return signature;
}

/**
 * Group prepared prompts into templates, largest first. A prompt that is alone (the one
 * call of a wording in no template) is not returned; a wording sent more than once is a
 * cluster even when it is in no template.
 */
export function clusterPrompts(prompts: readonly PreparedPrompt[], options: ClusterOptions = {}): PromptCluster[] {
  const threshold = options.threshold ?? 0.3;
  const bands = options.bands ?? 20;
  const rows = options.rows ?? 3;

  // Distinct wordings, each with the prompts that have it.
  const byWording = new Map<string, number>();
  const calls: number[][] = [];
  const sets: Shingles[] = [];
  const sequences: Uint32Array[] = [];
  prompts.forEach((prompt, i) => {
    if (prompt.sequence.length === 0) return;
    const known = byWording.get(prompt.wording);
    if (known !== undefined) {
      calls[known].push(i);
      return;
    }
    byWording.set(prompt.wording, calls.length);
    calls.push([i]);
    sequences.push(prompt.sequence);
    sets.push(toShingles(prompt.sequence));
  });

  // In how many distinct wordings each shingle occurs; a skeleton keeps the frequent ones.
  const occurrences = new HashCounter();
  for (const set of sets) for (let s = 0; s < set.length; s++) occurrences.add(set[s]);
  const minOccurrences = Math.max(MIN_OCCURRENCES, Math.round(sets.length * MIN_OCCURRENCE_SHARE));
  const skeletons = sets.map((set) => {
    const skeleton = new Uint32Array(set.length);
    let n = 0;
    for (let s = 0; s < set.length; s++) if (occurrences.get(set[s]) >= minOccurrences) skeleton[n++] = set[s];
    return skeleton.slice(0, n);
  });

  const groups = linkSkeletons(skeletons, threshold, bands, rows);
  const clusters: PromptCluster[] = [];
  for (const group of groups) {
    const parts = splitAtForks(group, sequences, skeletons, occurrences);
    for (const part of parts) {
      if (part.length === 1 && calls[part[0]].length === 1) continue;
      clusters.push(describeCluster(part, calls, skeletons, prompts));
    }
  }
  // A wording in no group is still a cluster when it was sent more than once.
  const grouped = new Set(groups.flat());
  for (let r = 0; r < calls.length; r++) {
    if (calls[r].length > 1 && !grouped.has(r)) clusters.push(describeCluster([r], calls, skeletons, prompts));
  }
  return clusters.sort((a, b) => size(b) - size(a));
}

const size = (cluster: PromptCluster) => cluster.requests.reduce((n, r) => n + r.length, 0);

/** Connected components (of two or more) of the "skeletons similar" graph, through MinHash LSH. */
function linkSkeletons(skeletons: Shingles[], threshold: number, bands: number, rows: number): number[][] {
  const parent = skeletons.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const k = bands * rows;
  const linkable = skeletons.map((s) => s.length >= MIN_SHARED);
  const signatures = skeletons.map((s, i) => (linkable[i] ? minHashSignature(s, k) : null));
  const checked = new Set<number>();
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < skeletons.length; i++) {
      const sig = signatures[i];
      if (!sig) continue;
      let key = 0x811c9dc5;
      for (let r = 0; r < rows; r++) key = Math.imul(key ^ sig[band * rows + r], 0x01000193);
      const leaders = buckets.get(key);
      if (!leaders) {
        buckets.set(key, [i]);
        continue;
      }
      for (const leader of leaders) {
        const a = find(leader);
        const b = find(i);
        if (a === b) continue;
        const pair = leader * skeletons.length + i;
        if (checked.has(pair)) continue;
        checked.add(pair);
        const shared = intersectionSize(skeletons[leader], skeletons[i]);
        const similarity = shared / (skeletons[leader].length + skeletons[i].length - shared);
        if (shared >= MIN_SHARED && similarity >= threshold) parent[Math.max(a, b)] = Math.min(a, b);
      }
      if (leaders.length < LEADERS_PER_BUCKET) leaders.push(i);
    }
  }
  const components = new Map<number, number[]>();
  for (let i = 0; i < skeletons.length; i++) {
    if (!linkable[i]) continue;
    const root = find(i);
    const component = components.get(root);
    if (component) component.push(i);
    else components.set(root, [i]);
  }
  return [...components.values()].filter((c) => c.length > 1);
}

/**
 * Split a group of wordings where its prompts fork into different templates (see the top of
 * the file), recursively. `sets` are the wordings' skeletons, `occurrences` the shingles'
 * counts over the whole sample. Members in no branch stay together as one part.
 */
function splitAtForks(
  group: number[],
  sequences: readonly Uint32Array[],
  sets: readonly Shingles[],
  occurrences: HashCounter,
): number[][] {
  if (group.length < MIN_SPLIT) return [group];
  const inGroup = countIn(group, sets);
  const everyone = group.length;
  const minBranch = Math.max(2, MIN_BRANCH_SHARE * everyone);
  const core = CORE_SHARE * everyone;

  // Members by their passage; members with none share key 0.
  const branches = new Map<number, number[]>();
  for (const r of group) {
    const key = passageKey(sequences[r], inGroup, minBranch, core, occurrences);
    const branch = branches.get(key);
    if (branch) branch.push(r);
    else branches.set(key, [r]);
  }
  // Branches: names two members or more share; two of them must hold a tenth of the group each.
  const forks = [...branches.values()].filter((b) => b.length >= 2);
  const rest = [...branches.values()].filter((b) => b.length < 2).flat();
  const plain = branches.get(0)?.length ?? 0;
  const covered = everyone - rest.length;
  const large = forks.filter((b) => b.length >= minBranch).length;
  if (large < 2 || covered < MIN_FORK_COVER * everyone || covered - plain < everyone / 2) return [group];
  const parts = forks.flatMap((b) => splitAtForks(b, sequences, sets, occurrences));
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/**
 * The name of a sequence's last passage (PASSAGE or more shingles in a row, each held by at
 * least `minBranch` of the group's members and by fewer than `core`; see identifyPassage)
 * before any quoted text (a passage or a fill that also occurs outside the group, such as
 * the request a judge's prompt repeats): what follows it is about that content (the answer
 * graded), not the template's own. 0: none.
 */
function passageKey(
  sequence: Uint32Array,
  inGroup: HashCounter,
  minBranch: number,
  core: number,
  occurrences: HashCounter,
): number {
  const kind = (x: number) => {
    if (x === CUT) return CUT_KIND;
    const held = inGroup.get(x);
    return held >= core ? SHARED : held >= minBranch ? PART : RARE;
  };
  let key = 0;
  for (let start = 0, end = 0; start < sequence.length; start = end) {
    const run = kind(sequence[start]);
    end = start + 1;
    while (end < sequence.length && kind(sequence[end]) === run) end++;
    if (end - start < PASSAGE || run === SHARED || run === CUT_KIND) continue;
    if (run === RARE) {
      if (quotedShare(sequence.subarray(start, end), inGroup, occurrences) > 0.5) return key;
      continue;
    }
    const passage = sequence.subarray(start, end);
    if (start > 0 && sequence[start - 1] === CUT && cutShadow(passage, inGroup)) continue;
    const named = identifyPassage(passage, inGroup, occurrences);
    if (named === undefined) return key;
    key = named;
  }
  return key;
}

/** Shingles by how many of a group's members hold them: nearly all, part, a few; and the cut. */
const SHARED = 0;
const PART = 1;
const RARE = 2;
const CUT_KIND = 3;

/**
 * True when a passage right after the cut is held by more and more members along its length:
 * shared text that prompts cut at different places hold different amounts of (the cut falls
 * at different places in it), not text of a part of the group. A task that only part of
 * the group holds starts with a drop in how many hold it.
 */
function cutShadow(passage: Uint32Array, inGroup: HashCounter): boolean {
  let most = 0;
  for (const x of passage) {
    const held = inGroup.get(x);
    if (held < 0.9 * most) return false;
    most = Math.max(most, held);
  }
  return true;
}

/**
 * A passage's name: among its last 2 × PASSAGE shingles, the last one held by as many members
 * as most of them are. A template's task is held by all
 * that template's prompts, so this skips what fewer members add at its edges (a role label
 * before it, a short fill after it) and the start a prompt cut short lacks. Undefined when
 * those shingles also occur outside the group, at least a tenth as often as inside: content
 * the prompt quotes, such as the request a judge repeats from the prompt that answered it,
 * not the template's own text (of which a few prompts left out of the group hold far less).
 */
function identifyPassage(passage: Uint32Array, inGroup: HashCounter, occurrences: HashCounter): number | undefined {
  const window = passage.subarray(Math.max(0, passage.length - 2 * PASSAGE));
  const byHeld = new Map<number, number>();
  for (const x of window) {
    const held = inGroup.get(x);
    byHeld.set(held, (byHeld.get(held) ?? 0) + 1);
  }
  let mode = 0;
  for (const [held, n] of byHeld) if (n > (byHeld.get(mode) ?? 0)) mode = held;
  let last = 0;
  let quoted = 0;
  for (const x of window) {
    if (inGroup.get(x) !== mode) continue;
    last = x;
    if ((occurrences.get(x) - mode) * QUOTED_SHARE >= mode) quoted++;
  }
  return quoted * 2 > (byHeld.get(mode) ?? 0) ? undefined : (Math.imul(last ^ mode, 0x9e3779b1) >>> 0) + 1;
}

/** The share of `shingles` that occur outside the group at least 1/QUOTED_SHARE as often as inside. */
function quotedShare(shingles: Uint32Array, inGroup: HashCounter, occurrences: HashCounter): number {
  let quoted = 0;
  for (const x of shingles) {
    const inside = inGroup.get(x);
    if ((occurrences.get(x) - inside) * QUOTED_SHARE >= inside) quoted++;
  }
  return quoted / shingles.length;
}

/** How many of the group's wordings hold each shingle. */
function countIn(group: readonly number[], sets: readonly Shingles[]): HashCounter {
  const counts = new HashCounter(group.reduce((n, r) => n + sets[r].length, 0) / 8);
  for (const r of group) for (let s = 0; s < sets[r].length; s++) counts.add(sets[r][s]);
  return counts;
}

/**
 * The cluster of some distinct wordings: their prompts by request (see PromptCluster), most
 * first; similarity of the skeletons to the representative's.
 */
function describeCluster(
  part: number[],
  calls: readonly number[][],
  skeletons: readonly Shingles[],
  prompts: readonly PreparedPrompt[],
): PromptCluster {
  const requests = part.flatMap((r) => sameRequests(calls[r], prompts));
  requests.sort((a, b) => b.length - a.length || a[0] - b[0]);
  const first = part.find((r) => calls[r].includes(requests[0][0])) ?? part[0];
  const representative = skeletons[first];
  const sample = part.length > 201 ? part.filter((_, i) => i % Math.ceil(part.length / 200) === 0) : part;
  let total = 0;
  let count = 0;
  for (const r of sample) {
    if (r === first) continue;
    total += jaccard(representative, skeletons[r]);
    count++;
  }
  return { requests, similarity: count > 0 ? total / count : 1 };
}

/** Prompts of one wording by request: their numbers equal, or different in one place (transitively). */
function sameRequests(indices: readonly number[], prompts: readonly PreparedPrompt[]): number[][] {
  if (indices.length === 1) return [[...indices]];
  const parent = indices.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const seen = new Map<string, number>();
  indices.forEach((index, i) => {
    const numbers = prompts[index].numbers;
    // The numbers, and each of them left out (one key per place, for at most 64 numbers).
    const keys = [numbers.join(',')];
    for (let p = 0; p < Math.min(numbers.length, 64); p++) {
      keys.push(`${p}:${numbers.slice(0, p).join(',')}|${numbers.slice(p + 1).join(',')}`);
    }
    for (const key of keys) {
      const other = seen.get(key);
      if (other === undefined) seen.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, number[]>();
  indices.forEach((index, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(index);
    else groups.set(root, [index]);
  });
  return [...groups.values()];
}

/** Counts of 32-bit values in an open-addressing table (a Map of millions of numbers is slow and capped). */
class HashCounter {
  private keys: Uint32Array;
  private counts: Uint32Array;
  private used = 0;

  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
  }

  add(value: number): void {
    const slot = this.slot(value);
    if (this.counts[slot] === 0) {
      this.keys[slot] = value;
      this.used++;
    }
    this.counts[slot]++;
    if (this.used * 2 > this.keys.length) this.grow();
  }

  get(value: number): number {
    return this.counts[this.slot(value)];
  }

  private slot(value: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(value, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (this.counts[slot] === 0 || this.keys[slot] === value) return slot;
      slot++;
    }
  }

  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (counts[i] === 0) continue;
      const slot = this.slot(keys[i]);
      this.keys[slot] = keys[i];
      this.counts[slot] = counts[i];
    }
  }
}

const SEEDS = Uint32Array.from({ length: 256 }, (_, i) => {
  let x = (i + 1) * 0x9e3779b9;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  return x >>> 0;
});
