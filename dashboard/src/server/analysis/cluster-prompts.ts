/**
 * Near-duplicate prompt clustering with MinHash and locality-sensitive hashing (LSH):
 * prompts are sets of word bigrams; two prompts are similar when the Jaccard similarity
 * of those sets is at least the threshold (0.7 by default). LSH proposes candidate pairs
 * in roughly linear time, each candidate is verified with the exact Jaccard similarity,
 * and clusters are the connected components of the verified pairs. Nothing compares all
 * pairs, so a few thousand prompts cluster in milliseconds.
 */

export interface ClusterOptions {
  /** Jaccard similarity at or above which two prompts are linked. Default 0.7. */
  threshold?: number;
  /** LSH bands × rows = MinHash functions. 16 × 4 catches a 0.7-similar pair with p ≈ 0.99. */
  bands?: number;
  rows?: number;
}

export interface PromptCluster {
  /** Indices into the input, the representative (most central member) first. */
  members: number[];
  /** Mean exact Jaccard similarity of the members to the representative (1 for exact duplicates). */
  similarity: number;
}

/** A prompt's shingle set: sorted, distinct 32-bit hashes of its word bigrams. */
export type Shingles = Uint32Array;

/** Candidate-comparison cap per LSH bucket, so one huge bucket cannot go quadratic. */
const LEADERS_PER_BUCKET = 12;

export function shingle(text: string): Shingles {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hashes = new Set<number>();
  if (words.length === 1) hashes.add(fnv1a(words[0]));
  for (let i = 0; i + 1 < words.length; i++) hashes.add(fnv1a(`${words[i]} ${words[i + 1]}`));
  return Uint32Array.from(hashes).sort();
}

/** Exact Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Shingles, b: Shingles): number {
  if (a.length === 0 && b.length === 0) return 1;
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
  return shared / (a.length + b.length - shared);
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
 * Cluster shingle sets; singletons are not returned. `signatures` may be passed in (e.g.
 * from a cache keyed by call id) and must have bands × rows entries each.
 */
export function clusterPrompts(
  sets: readonly Shingles[],
  options: ClusterOptions = {},
  signatures?: readonly Uint32Array[],
): PromptCluster[] {
  const threshold = options.threshold ?? 0.7;
  const bands = options.bands ?? 16;
  const rows = options.rows ?? 4;
  const k = bands * rows;
  const parent = sets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const sigs = signatures ?? sets.map((set) => minHashSignature(set, k));
  const checked = new Set<number>();
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < sets.length; i++) {
      if (sets[i].length === 0) continue;
      const sig = sigs[i];
      let key = '';
      for (let r = 0; r < rows; r++) key += `${sig[band * rows + r].toString(36)},`;
      const leaders = buckets.get(key);
      if (!leaders) {
        buckets.set(key, [i]);
        continue;
      }
      for (const leader of leaders) {
        if (find(leader) === find(i)) continue;
        const pair = leader * sets.length + i;
        if (checked.has(pair)) continue;
        checked.add(pair);
        if (jaccard(sets[leader], sets[i]) >= threshold) union(leader, i);
      }
      if (leaders.length < LEADERS_PER_BUCKET) leaders.push(i);
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < sets.length; i++) {
    if (sets[i].length === 0) continue;
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  const clusters: PromptCluster[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    clusters.push(describeCluster(sets, members));
  }
  return clusters.sort((a, b) => b.members.length - a.members.length);
}

/** Pick the member most similar to the others (among the first few) and the mean similarity to it. */
function describeCluster(sets: readonly Shingles[], members: number[]): PromptCluster {
  const probe = members.slice(0, 8);
  let best = members[0];
  let bestScore = -1;
  for (const candidate of probe) {
    let score = 0;
    for (const other of probe) if (other !== candidate) score += jaccard(sets[candidate], sets[other]);
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  const sample = members.length > 200 ? members.filter((_, i) => i % Math.ceil(members.length / 200) === 0) : members;
  let total = 0;
  let count = 0;
  for (const member of sample) {
    if (member === best) continue;
    total += jaccard(sets[best], sets[member]);
    count++;
  }
  return { members: [best, ...members.filter((m) => m !== best)], similarity: count > 0 ? total / count : 1 };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const SEEDS = Uint32Array.from({ length: 256 }, (_, i) => {
  let x = (i + 1) * 0x9e3779b9;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  return x >>> 0;
});
