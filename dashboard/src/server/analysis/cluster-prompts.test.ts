import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clusterPrompts, jaccard, minHashSignature, shingle } from './cluster-prompts.js';

describe('shingle and jaccard', () => {
  it('compares prompts by their word bigrams, ignoring case and punctuation', () => {
    expect(jaccard(shingle('Reset my password, please!'), shingle('reset my PASSWORD please'))).toBe(1);
    // {a b, b c, c d} vs {a b, b c, c e}: 2 shared of 4
    expect(jaccard(shingle('a b c d'), shingle('a b c e'))).toBeCloseTo(2 / 4, 10);
  });

  it('estimates Jaccard similarity from MinHash signatures without bias', () => {
    const errors: number[] = [];
    for (let t = 0; t < 30; t++) {
      const a = shingle(Array.from({ length: 200 }, (_, i) => `w${t}_${i}`).join(' '));
      const b = shingle(Array.from({ length: 200 }, (_, i) => `w${t}_${i < 150 ? i : i + 1000}`).join(' '));
      const sa = minHashSignature(a, 256);
      const sb = minHashSignature(b, 256);
      errors.push(sa.filter((v, i) => v === sb[i]).length / 256 - jaccard(a, b));
    }
    const meanError = errors.reduce((x, y) => x + y, 0) / errors.length;
    const meanAbsError = errors.reduce((x, y) => x + Math.abs(y), 0) / errors.length;
    // One estimate has a standard error of sqrt(0.6 × 0.4 / 256) ≈ 0.031.
    expect(Math.abs(meanError)).toBeLessThan(0.015);
    expect(meanAbsError).toBeLessThan(0.04);
  });
});

/** Connected components of the "similarity ≥ threshold" graph, by comparing every pair. */
function bruteForceClusters(texts: string[], threshold: number): number[][] {
  const sets = texts.map(shingle);
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i]));
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (jaccard(sets[i], sets[j]) >= threshold) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  texts.forEach((_, i) => {
    groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
  });
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b));
}

describe('clusterPrompts', () => {
  it('finds the same clusters as comparing every pair, on templated and unique prompts', () => {
    // Deterministic choices: the n-th draw is a hash of n, so the test never varies.
    let draws = 0;
    const int = (min: number, max: number) =>
      min + (createHash('sha256').update(`7:${draws++}`).digest().readUInt32BE(0) % (max - min + 1));
    const random = { int, pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] };
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const templates = Array.from({ length: 6 }, () => Array.from({ length: 30 }, () => random.pick(words)));
    const texts: string[] = [];
    for (let i = 0; i < 240; i++) {
      const base = [...random.pick(templates)];
      // Change one or two words: similarity stays well above 0.7.
      for (let c = random.int(0, 2); c > 0; c--) base[random.int(0, base.length - 1)] = random.pick(words);
      texts.push(base.join(' '));
    }
    for (let i = 0; i < 120; i++) texts.push(Array.from({ length: 30 }, () => random.pick(words)).join(' '));

    const expected = bruteForceClusters(texts, 0.7);
    const found = clusterPrompts(texts.map(shingle)).map((c) => [...c.members].sort((a, b) => a - b));
    const key = (groups: number[][]) => groups.map((g) => g.join(',')).sort();
    expect(key(found)).toEqual(key(expected));
    expect(found.length).toBeGreaterThanOrEqual(6);
  });

  it('links a pair at 0.75 similarity but not one at 0.6', () => {
    const base = Array.from({ length: 21 }, (_, i) => `t${i}`);
    const near = [...base];
    near[20] = 'x'; // 20 bigrams; the last one differs: 19/21 ≈ 0.9
    const far = [...base];
    for (const i of [3, 9, 15]) far[i] = `y${i}`; // 6 bigrams differ: 14/26 ≈ 0.54
    const sets = [base, near, far].map((w) => shingle(w.join(' ')));
    expect(jaccard(sets[0], sets[1])).toBeGreaterThan(0.7);
    expect(jaccard(sets[0], sets[2])).toBeLessThan(0.7);
    const clusters = clusterPrompts(sets);
    expect(clusters).toHaveLength(1);
    expect([...clusters[0].members].sort()).toEqual([0, 1]);
    expect(clusters[0].similarity).toBeCloseTo(jaccard(sets[0], sets[1]), 10);
  });

  it('reports exact duplicates with similarity 1', () => {
    const clusters = clusterPrompts(['same prompt here', 'same prompt here', 'something else entirely'].map(shingle));
    expect(clusters).toEqual([{ members: [0, 1], similarity: 1 }]);
  });
});
